import { type FormEvent, useState } from "react";
import { useSignIn } from "../api/session.js";
import { ErrorMessage } from "../components/ErrorMessage.js";

/** Sign-in: the session is an HttpOnly cookie; the page stays where the user was going. */
export function LoginView() {
  const signIn = useSignIn();
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      await signIn(String(form.get("username")), String(form.get("password")));
    } catch (failure) {
      setError(failure);
    } finally {
      setPending(false);
    }
  }

  return (
    <main className="login">
      <form onSubmit={(event) => void submit(event)} aria-labelledby="login-title">
        <h1 id="login-title">Sign in to Borda</h1>
        <label>
          Username
          <input name="username" autoComplete="username" required />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error ? <ErrorMessage error={error} /> : null}
        <button type="submit" className="button primary" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
