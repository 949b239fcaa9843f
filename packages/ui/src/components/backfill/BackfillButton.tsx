import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { api, ok } from "../../api/client.js";
import { useCan } from "../../api/session.js";
import type { BackfillPostBody } from "../../api/types.js";
import { formatInstant } from "../../format.js";
import { field } from "../ActionButton.js";
import { Dialog } from "../Dialog.js";
import { DialogForm } from "../DialogForm.js";
import { readRawConf } from "../dag/TriggerDagButton.js";
import { useAction } from "../useAction.js";

/**
 * "Backfill" and its dialog: a range of logical dates, what to do with dates that already
 * have a run, how many runs at once and the runs' conf. "Preview" lists the dates it
 * would run (a dry run); starting it opens the DAG's Backfills tab, where it shows its
 * progress and can be cancelled.
 */
export function BackfillButton({ dagId }: { dagId: string }) {
  const canStart = useCan("User");
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button"
        aria-label={`Backfill ${dagId}`}
        disabled={!canStart}
        onClick={() => setOpen(true)}
      >
        Backfill
      </button>
      <Dialog title={`Backfill ${dagId}`} open={open} onClose={() => setOpen(false)}>
        {open ? <BackfillForm dagId={dagId} onClose={() => setOpen(false)} /> : null}
      </Dialog>
    </>
  );
}

function BackfillForm({ dagId, onClose }: { dagId: string; onClose: () => void }) {
  const navigate = useNavigate();
  const [formError, setFormError] = useState<unknown>(null);
  const [preview, setPreview] = useState<string[] | null>(null);
  const start = useAction((body: BackfillPostBody) => ok(api.POST("/api/v1/backfills", { body })));
  const dryRun = useAction((body: BackfillPostBody) =>
    ok(api.POST("/api/v1/backfills/dry_run", { body })),
  );

  /** The request the form describes, or null (with the reason shown) when it cannot be sent. */
  function bodyOf(form: FormData): BackfillPostBody | null {
    setFormError(null);
    try {
      const maxActiveRuns = field(form, "max_active_runs");
      return {
        dag_id: dagId,
        from_date: field(form, "from_date"),
        to_date: field(form, "to_date"),
        reprocess_behavior: field(
          form,
          "reprocess_behavior",
        ) as BackfillPostBody["reprocess_behavior"],
        run_backwards: form.get("run_backwards") === "on",
        dag_run_conf: readRawConf(field(form, "dag_run_conf") || "{}"),
        ...(maxActiveRuns ? { max_active_runs: Number(maxActiveRuns) } : {}),
      };
    } catch (failure) {
      setFormError(failure);
      return null;
    }
  }

  async function showPreview(form: HTMLFormElement | null) {
    const body = form && bodyOf(new FormData(form));
    if (!body) return;
    const answer = await dryRun.run(body).catch(() => null);
    setPreview(answer ? answer.backfills.map((b) => b.logical_date) : null);
  }

  async function submit(form: FormData) {
    const body = bodyOf(form);
    if (!body) return;
    // A refusal shows in the dialog (start.error); the user corrects and tries again.
    const backfill = await start.run(body).catch(() => null);
    if (!backfill) return;
    onClose();
    await navigate({ to: "/dags/$dagId", params: { dagId }, search: { tab: "backfills" } });
  }

  return (
    <DialogForm
      submitLabel="Start backfill"
      pending={start.pending}
      error={formError ?? start.error ?? dryRun.error}
      onSubmit={(form) => void submit(form)}
      onCancel={onClose}
    >
      <p className="muted">
        Runs the DAG once for each logical date of its schedule from the first date to the last,
        both included, in order. Dates are read in the DAG's time zone.
      </p>
      <label>
        From
        <input name="from_date" type="date" required />
      </label>
      <label>
        To
        <input name="to_date" type="date" required />
      </label>
      <label>
        Dates that already have a run
        <select name="reprocess_behavior" defaultValue="none">
          <option value="none">Skip them</option>
          <option value="failed">Re-run the failed ones</option>
          <option value="completed">Re-run them all</option>
        </select>
      </label>
      <label>
        Max active runs
        <input
          name="max_active_runs"
          type="number"
          min={1}
          placeholder="Default: the DAG's max_active_runs"
        />
      </label>
      <label>
        Conf (JSON)
        <textarea name="dag_run_conf" className="short" defaultValue="{}" spellCheck={false} />
      </label>
      <label className="inline">
        <input name="run_backwards" type="checkbox" />
        Newest date first
      </label>
      <p>
        <button
          type="button"
          className="button"
          disabled={dryRun.pending}
          onClick={(event) => void showPreview(event.currentTarget.form)}
        >
          Preview dates
        </button>
      </p>
      {preview ? (
        <p role="status" className="backfill-preview">
          {preview.length === 0
            ? "No date in this range would get a run."
            : `${preview.length} run${preview.length === 1 ? "" : "s"}: ${formatInstant(preview[0] ?? null)}${preview.length > 1 ? ` … ${formatInstant(preview.at(-1) ?? null)}` : ""}`}
        </p>
      ) : null}
    </DialogForm>
  );
}
