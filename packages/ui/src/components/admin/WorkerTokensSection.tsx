import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, ok } from "../../api/client.js";
import { useCan } from "../../api/session.js";
import { ActionButton, field, listField } from "../ActionButton.js";
import { ErrorMessage } from "../ErrorMessage.js";
import { RelativeTime } from "../RelativeTime.js";
import { AdminSection } from "./AdminSection.js";
import { OnceSecret } from "./OnceSecret.js";

/**
 * The tokens edge workers present, each limited to queue patterns (and a team). Admin
 * only, as the API is; a token's secret shows once, right after it is made.
 */
export function WorkerTokensSection() {
  const isAdmin = useCan("Admin");
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <AdminSection
      title="Worker tokens"
      actions={
        isAdmin ? (
          <ActionButton
            text="Create token"
            kind="primary"
            title="Create worker token"
            submitLabel="Create"
            run={(form) =>
              ok(
                api.POST("/api/v1/edge/tokens", {
                  body: {
                    name: field(form, "name"),
                    queues: listField(form, "queues"),
                    team: field(form, "team") || undefined,
                    worker_timeout: field(form, "worker_timeout")
                      ? Number(field(form, "worker_timeout"))
                      : undefined,
                  },
                }),
              )
            }
            onDone={(created) => setSecret(created.token)}
          >
            <label>
              Name
              <input name="name" required maxLength={200} autoComplete="off" />
            </label>
            <label>
              Queues
              <input
                name="queues"
                required
                autoComplete="off"
                placeholder="default, team_a_*"
                aria-describedby="worker-token-queues-hint"
              />
            </label>
            <p id="worker-token-queues-hint" className="muted">
              Comma-separated queue names or patterns (<code>*</code> matches any run of characters)
              a worker with this token may serve.
            </p>
            <label>
              Team
              <input name="team" maxLength={200} autoComplete="off" placeholder="Optional" />
            </label>
            <label>
              Worker timeout (seconds)
              <input
                name="worker_timeout"
                type="number"
                min={1}
                step={1}
                placeholder="The server's default"
                aria-describedby="worker-token-timeout-hint"
              />
            </label>
            <p id="worker-token-timeout-hint" className="muted">
              How long its workers may be unreachable (a partition, a flaky link) before their
              running tasks are given up and retried elsewhere. Longer for sites on poor links.
            </p>
          </ActionButton>
        ) : null
      }
    >
      {!isAdmin ? (
        <p className="muted">Only Admins manage worker tokens.</p>
      ) : (
        <>
          {secret ? (
            <OnceSecret label="New token" secret={secret} onDone={() => setSecret(null)} />
          ) : null}
          <WorkerTokenTable />
        </>
      )}
    </AdminSection>
  );
}

function WorkerTokenTable() {
  const tokens = useQuery({
    queryKey: ["edge", "tokens"],
    queryFn: () =>
      ok(
        api.GET("/api/v1/edge/tokens", {
          params: { query: { limit: 10_000, order_by: "-created_at" } },
        }),
      ),
  });
  if (tokens.isPending) return <p className="page-status">Loading…</p>;
  if (tokens.error) return <ErrorMessage error={tokens.error} />;
  if (tokens.data.tokens.length === 0) {
    return <p className="muted">No worker tokens yet.</p>;
  }
  return (
    <table className="table named-rows">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Queues</th>
          <th scope="col">Team</th>
          <th scope="col">Worker timeout</th>
          <th scope="col">Created</th>
          <th scope="col">Last used</th>
          <th scope="col">Revoked</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {tokens.data.tokens.map((token) => (
          <tr key={token.id}>
            <th scope="row">{token.name}</th>
            <td className="mono">{token.queues.join(", ")}</td>
            <td>{token.team ?? <span className="muted">—</span>}</td>
            <td>
              {token.worker_timeout === null ? (
                <span className="muted">default</span>
              ) : (
                formatSeconds(token.worker_timeout)
              )}
            </td>
            <td>
              <RelativeTime at={token.created_at} />
            </td>
            <td>
              <RelativeTime at={token.last_used_at} empty="never" />
            </td>
            <td>
              <RelativeTime at={token.revoked_at} />
            </td>
            <td>
              {token.revoked_at ? null : (
                <ActionButton
                  text="Revoke"
                  label={`Revoke worker token ${token.name}`}
                  kind="danger"
                  title={`Revoke ${token.name}`}
                  submitLabel="Revoke"
                  run={() =>
                    ok(
                      api.DELETE("/api/v1/edge/tokens/{id_or_name}", {
                        params: { path: { id_or_name: token.id } },
                      }),
                    )
                  }
                >
                  <p>
                    Workers presenting <strong>{token.name}</strong> are refused from now on, and
                    their open requests end. This cannot be undone.
                  </p>
                </ActionButton>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** 90 → "1m 30s", 600 → "10m", 45 → "45s". */
function formatSeconds(total: number): string {
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  if (minutes === 0) return `${seconds}s`;
  return seconds === 0 ? `${minutes}m` : `${minutes}m ${seconds}s`;
}
