import { type ReactNode, useState } from "react";
import { Dialog } from "./Dialog.js";
import { DialogForm } from "./DialogForm.js";
import { useAction } from "./useAction.js";

/**
 * A button that opens a dialog making one change through the API: a form to fill in, or a
 * question to confirm. `run` gets the form's fields. A refusal shows the API's message and
 * keeps the dialog open, so the user can correct the input or read why; success hands
 * `run`'s answer to `onDone` and closes the dialog.
 */
export function ActionButton<Output>({
  text,
  label,
  kind = "plain",
  disabled = false,
  title,
  submitLabel,
  run,
  onDone,
  children,
}: {
  /** The button's visible text. */
  text: string;
  /** Its accessible name when the text alone is ambiguous (one per table row): it names the row. */
  label?: string;
  /** "danger" when the change destroys something: the button and the submit are red. */
  kind?: "plain" | "primary" | "danger";
  disabled?: boolean;
  title: string;
  submitLabel: string;
  run: (form: FormData) => Promise<Output>;
  onDone?: (output: Output) => void;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const action = useAction(run);

  function close() {
    action.reset();
    setOpen(false);
  }

  async function submit(form: FormData) {
    let output: Output;
    try {
      output = await action.run(form);
    } catch {
      return; // action.error shows the API's message in the dialog
    }
    onDone?.(output);
    close();
  }

  return (
    <>
      <button
        type="button"
        className={kind === "plain" ? "button" : `button ${kind}`}
        aria-label={label}
        disabled={disabled}
        onClick={() => setOpen(true)}
      >
        {text}
      </button>
      <Dialog title={title} open={open} onClose={close}>
        <DialogForm
          submitLabel={submitLabel}
          danger={kind === "danger"}
          pending={action.pending}
          error={action.error}
          onSubmit={(form) => void submit(form)}
          onCancel={close}
        >
          {children}
        </DialogForm>
      </Dialog>
    </>
  );
}

/** A form field's text, trimmed; "" when absent. */
export function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value.trim() : "";
}

/** A comma-separated form field's items, trimmed, without empty ones: "a, b," → ["a", "b"]. */
export function listField(form: FormData, name: string): string[] {
  return field(form, name)
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}
