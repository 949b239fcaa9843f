import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, ok } from "../../api/client.js";
import type { ApiToken } from "../../api/types.js";
import { ActionButton, field } from "../ActionButton.js";
import { ErrorMessage } from "../ErrorMessage.js";
import { RelativeTime } from "../RelativeTime.js";
import { AdminSection } from "./AdminSection.js";
import { OnceSecret } from "./OnceSecret.js";

/**
 * The signed-in user's own API tokens, for scripts that call the API as them (with their
 * current role). Every role has them; the secret shows once, right after it is made.
 */
export function ApiTokensSection() {
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <AdminSection
      title="My API tokens"
      actions={
        <ActionButton
          text="Create API token"
          kind="primary"
          title="Create API token"
          submitLabel="Create"
          run={(form) => {
            const days = field(form, "expires_in_days");
            return ok(
              api.POST("/api/v1/auth/tokens", {
                body: {
                  name: field(form, "name"),
                  expires_in_days: days === "" ? undefined : Number(days),
                },
              }),
            );
          }}
          onDone={(created) => setSecret(created.token)}
        >
          <label>
            Name
            <input
              name="name"
              required
              maxLength={200}
              autoComplete="off"
              placeholder="What uses it, e.g. deploy script"
            />
          </label>
          <label>
            Expires in days
            <input
              name="expires_in_days"
              type="number"
              min={1}
              max={3650}
              step={1}
              placeholder="Never"
            />
          </label>
          <p className="muted">
            Scripts send it as <code>Authorization: Bearer …</code> and act as you.
          </p>
        </ActionButton>
      }
    >
      {secret ? (
        <OnceSecret label="New API token" secret={secret} onDone={() => setSecret(null)} />
      ) : null}
      <ApiTokenTable />
    </AdminSection>
  );
}

function ApiTokenTable() {
  const tokens = useQuery({
    queryKey: ["auth", "tokens"],
    queryFn: () =>
      ok(
        api.GET("/api/v1/auth/tokens", {
          params: { query: { limit: 10_000, order_by: "-created_at" } },
        }),
      ),
  });
  if (tokens.isPending) return <p className="page-status">Loading…</p>;
  if (tokens.error) return <ErrorMessage error={tokens.error} />;
  if (tokens.data.tokens.length === 0) return <p className="muted">You have no API tokens.</p>;
  return (
    <table className="table named-rows">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Created</th>
          <th scope="col">Expires</th>
          <th scope="col">Last used</th>
          <th scope="col">Revoked</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {tokens.data.tokens.map((token) => (
          <ApiTokenRow key={token.id} token={token} />
        ))}
      </tbody>
    </table>
  );
}

function ApiTokenRow({ token }: { token: ApiToken }) {
  const expired = token.expires_at !== null && Date.parse(token.expires_at) <= Date.now();
  return (
    <tr>
      <th scope="row">{token.name}</th>
      <td>
        <RelativeTime at={token.created_at} />
      </td>
      <td>
        <RelativeTime at={token.expires_at} empty="never" />
      </td>
      <td>
        <RelativeTime at={token.last_used_at} empty="never" />
      </td>
      <td>
        <RelativeTime at={token.revoked_at} />
      </td>
      <td>
        {token.revoked_at || expired ? null : (
          <ActionButton
            text="Revoke"
            label={`Revoke API token ${token.name}`}
            kind="danger"
            title={`Revoke ${token.name}`}
            submitLabel="Revoke"
            run={() =>
              ok(api.DELETE("/api/v1/auth/tokens/{id}", { params: { path: { id: token.id } } }))
            }
          >
            <p>
              Scripts using <strong>{token.name}</strong> are refused from now on. This cannot be
              undone.
            </p>
          </ActionButton>
        )}
      </td>
    </tr>
  );
}
