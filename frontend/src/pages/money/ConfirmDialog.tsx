import { useId, useImperativeHandle, useRef, type Ref } from "react";

export interface ConfirmDialogHandle {
  open: () => void;
}

interface ConfirmDialogProps {
  ref: Ref<ConfirmDialogHandle>;
  title: string;
  body: string;
  confirm: string;
  keep: string;
  onConfirm: () => void;
}

/** A modal question before something that cannot be undone; the safe answer has the focus. */
export function ConfirmDialog({ ref, title, body, confirm, keep, onConfirm }: ConfirmDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();
  useImperativeHandle(ref, () => ({
    open: () => {
      const dialog = dialogRef.current;
      if (dialog && typeof dialog.showModal === "function") {
        dialog.showModal();
        // React's autoFocus fires once on mount, not when the dialog opens: focus the safe answer here.
        keepRef.current?.focus();
      }
      // No <dialog> support (older browsers, jsdom): ask the browser's own way.
      else if (window.confirm(`${title}\n\n${body}`)) onConfirm();
    },
  }));
  return (
    <dialog ref={dialogRef} className="confirm-dialog" aria-labelledby={titleId} aria-describedby={bodyId}>
      <h2 id={titleId}>{title}</h2>
      <p id={bodyId}>{body}</p>
      <div className="form-actions confirm-dialog__actions">
        <button
          type="button"
          className="button button--danger"
          onClick={() => {
            dialogRef.current?.close();
            onConfirm();
          }}
        >
          {confirm}
        </button>
        <button ref={keepRef} type="button" className="button button--secondary" autoFocus onClick={() => dialogRef.current?.close()}>
          {keep}
        </button>
      </div>
    </dialog>
  );
}
