import type { ReactNode } from "react";
import { Dialog } from "../Dialog.js";
import { ErrorMessage } from "../ErrorMessage.js";

/**
 * Asks before a change to a run or its task instances, which cannot be taken back; if the
 * API refuses, the dialog stays open and says why.
 */
export function ConfirmDialog({
  title,
  open,
  pending,
  error,
  onConfirm,
  onClose,
  children,
}: {
  title: string;
  open: boolean;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <Dialog title={title} open={open} onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onConfirm();
        }}
      >
        {children}
        {error ? <ErrorMessage error={error} /> : null}
        <div className="toolbar">
          <button type="submit" className="button primary" disabled={pending}>
            {pending ? "Working…" : "Confirm"}
          </button>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
