import type { FormEvent, ReactNode } from "react";
import { ErrorMessage } from "./ErrorMessage.js";

/**
 * The body of a dialog that makes one change: its fields or question, the API's message
 * when it refused (the dialog stays open so the user can read it or correct the input),
 * and Cancel beside the submit button.
 */
export function DialogForm({
  submitLabel,
  danger = false,
  pending,
  error,
  onSubmit,
  onCancel,
  children,
}: {
  submitLabel: string;
  /** The change destroys something: the submit button is red. */
  danger?: boolean;
  pending: boolean;
  error: unknown;
  onSubmit: (form: FormData) => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSubmit(new FormData(event.currentTarget));
  }
  return (
    <form onSubmit={submit}>
      {children}
      {error ? <ErrorMessage error={error} /> : null}
      <div className="dialog-buttons">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="submit"
          className={danger ? "button danger" : "button primary"}
          disabled={pending}
          aria-busy={pending}
        >
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
