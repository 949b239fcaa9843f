import { useQuery } from "@tanstack/react-query";
import { api, ok } from "../../api/client.js";
import { ErrorMessage } from "../ErrorMessage.js";
import { RelativeTime } from "../RelativeTime.js";

/** Lines of a stack trace shown before "Full trace": enough for the message and where it arose. */
const leadingLines = 3;

/**
 * DAG files that failed to load, each with its error: a broken file's DAGs keep their last
 * good definition, so without this banner the failure would go unnoticed. Nothing when
 * every file loads.
 */
export function ImportErrorsBanner() {
  const errors = useQuery({
    queryKey: ["import-errors"],
    queryFn: () => ok(api.GET("/api/v1/importErrors", { params: { query: { limit: 100 } } })),
  });
  if (errors.error)
    return <ErrorMessage error={errors.error} title="Import errors could not be read" />;
  const found = errors.data?.import_errors ?? [];
  if (found.length === 0) return null;
  return (
    <section className="warning import-errors" role="alert" aria-labelledby="import-errors-title">
      <h2 id="import-errors-title">
        Import errors <span className="badge">{errors.data?.total_entries}</span>
      </h2>
      <ul className="import-error-list">
        {found.map((error) => {
          const lines = error.stack_trace.split("\n");
          return (
            <li key={error.import_error_id}>
              <div className="import-error-file">
                <strong className="mono">{error.filename}</strong>{" "}
                <RelativeTime at={error.timestamp} />
              </div>
              <pre>{lines.slice(0, leadingLines).join("\n")}</pre>
              {lines.length > leadingLines ? (
                <details>
                  <summary>Full trace</summary>
                  <pre>{error.stack_trace}</pre>
                </details>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
