import { ApiTokensSection } from "../components/admin/ApiTokensSection.js";
import { UsersSection } from "../components/admin/UsersSection.js";
import { WorkerTokensSection } from "../components/admin/WorkerTokensSection.js";

/** Credentials: the tokens workers present, the users who sign in, and the user's own API tokens. */
export function AdminView() {
  return (
    <>
      <h1>Admin</h1>
      <WorkerTokensSection />
      <UsersSection />
      <ApiTokensSection />
    </>
  );
}
