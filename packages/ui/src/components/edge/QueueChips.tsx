import { api, ok } from "../../api/client.js";
import { ErrorMessage } from "../ErrorMessage.js";
import { useAction } from "../useAction.js";

/** The queues a worker serves, each removable by an Op (the API refuses to remove the last). */
export function QueueChips({
  workerName,
  queues,
  removable,
}: {
  workerName: string;
  queues: readonly string[];
  removable: boolean;
}) {
  const remove = useAction((queue: string) =>
    ok(
      api.DELETE("/api/v1/edge/workers/{worker_name}/queues/{queue}", {
        params: { path: { worker_name: workerName, queue } },
      }),
    ),
  );
  return (
    <>
      <ul className="tag-list" aria-label={`Queues of ${workerName}`}>
        {queues.map((queue) => (
          <li key={queue} className="chip">
            <span className="mono">{queue}</span>
            {removable ? (
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove queue ${queue} from ${workerName}`}
                disabled={remove.pending}
                // A refusal shows below, from remove.error.
                onClick={() => void remove.run(queue).catch(() => undefined)}
              >
                ×
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {remove.error ? <ErrorMessage error={remove.error} /> : null}
    </>
  );
}
