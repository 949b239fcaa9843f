import { api, ok } from "../../api/client.js";
import type { EdgeWorker } from "../../api/types.js";
import { ActionButton, field } from "../ActionButton.js";
import { ErrorMessage } from "../ErrorMessage.js";
import { useAction } from "../useAction.js";
import { maintenanceStates } from "./states.js";
import { removeNote, removeWorker, shutDownWorker, shutdownNote } from "./workerLifecycle.js";

/**
 * An Op's actions on one worker. Each button's accessible name carries the worker's name,
 * so a screen reader (or a test) can tell the rows' buttons apart.
 */
export function WorkerActions({ worker }: { worker: EdgeWorker }) {
  const name = worker.worker_name;
  const path = { worker_name: name };
  const maintenanceOff = useAction(() =>
    ok(
      api.POST("/api/v1/edge/workers/{worker_name}/maintenance", {
        params: { path },
        body: { on: false },
      }),
    ),
  );

  return (
    <div className="row-actions">
      {maintenanceStates.includes(worker.state) ? (
        <button
          type="button"
          className="button"
          aria-label={`Maintenance off for ${name}`}
          disabled={maintenanceOff.pending}
          // A refusal shows below, from maintenanceOff.error.
          onClick={() => void maintenanceOff.run().catch(() => undefined)}
        >
          Maintenance off
        </button>
      ) : (
        <ActionButton
          text="Maintenance on"
          label={`Maintenance on for ${name}`}
          title={`Maintenance for ${name}`}
          submitLabel="Enter maintenance"
          run={(form) =>
            ok(
              api.POST("/api/v1/edge/workers/{worker_name}/maintenance", {
                params: { path },
                body: { on: true, comment: field(form, "comment") || undefined },
              }),
            )
          }
        >
          <p>The worker takes no new work; what it runs now finishes.</p>
          <label>
            Comment
            <textarea
              name="comment"
              maxLength={1000}
              placeholder="Why, and until when (shown on this page)"
            />
          </label>
        </ActionButton>
      )}
      <ActionButton
        text="Add queue"
        label={`Add queue to ${name}`}
        title={`Add queue to ${name}`}
        submitLabel="Add"
        run={(form) =>
          ok(
            api.POST("/api/v1/edge/workers/{worker_name}/queues", {
              params: { path },
              body: { queue: field(form, "queue") },
            }),
          )
        }
      >
        <label>
          Queue
          <input name="queue" required maxLength={250} autoComplete="off" />
        </label>
        <p className="muted">
          The worker's token must allow the queue; a <code>*</code> matches any run of characters.
        </p>
      </ActionButton>
      <ActionButton
        text="Set concurrency"
        label={`Set concurrency of ${name}`}
        title={`Set concurrency of ${name}`}
        submitLabel="Save"
        run={(form) =>
          ok(
            api.PATCH("/api/v1/edge/workers/{worker_name}/concurrency", {
              params: { path },
              body: { concurrency: Number(field(form, "concurrency")) },
            }),
          )
        }
      >
        <label>
          Concurrency
          <input
            name="concurrency"
            type="number"
            min={1}
            max={10_000}
            step={1}
            required
            defaultValue={worker.concurrency}
          />
        </label>
        <p className="muted">How many tasks the worker runs at once.</p>
      </ActionButton>
      <ActionButton
        text="Shut down"
        label={`Shut down ${name}`}
        kind="danger"
        title={`Shut down ${name}`}
        submitLabel="Shut down"
        run={() => shutDownWorker(name)}
      >
        <p>{shutdownNote}</p>
      </ActionButton>
      <ActionButton
        text="Remove"
        label={`Remove ${name}`}
        kind="danger"
        title={`Remove ${name}`}
        submitLabel="Remove"
        run={() => removeWorker(name)}
      >
        <p>Forget this worker? {removeNote}</p>
      </ActionButton>
      {maintenanceOff.error ? <ErrorMessage error={maintenanceOff.error} /> : null}
    </div>
  );
}
