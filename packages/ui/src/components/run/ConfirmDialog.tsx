import type { ReactNode } from "react";
import { Dialog } from "../Dialog.js";
import { DialogForm } from "../DialogForm.js";

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
      <DialogForm
        submitLabel="Confirm"
        pending={pending}
        error={error}
        onSubmit={onConfirm}
        onCancel={onClose}
      >
        {children}
      </DialogForm>
    </Dialog>
  );
}
