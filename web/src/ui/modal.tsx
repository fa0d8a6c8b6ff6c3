/**
 * A modal dialog as the break-the-glass dialog does it: <dialog> opened with showModal() (the
 * page behind becomes inert), role=dialog with aria-modal, labelled by its heading, focus on the
 * first field (or the first button), Tab kept inside, Escape cancels, focus returned on close
 * (to the opener, or the page heading when the opener is gone).
 * @see https://www.w3.org/WAI/ARIA/apg/patterns/dialog-modal/
 */
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

const FOCUSABLE = 'a[href], button:not([disabled]), textarea:not([disabled]), input:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex="-1"])';
const FIELDS = 'textarea:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled])';

export function Modal({ title, description, onCancel, children }: { title: string; description?: ReactNode; onCancel(): void; children: ReactNode }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const ids = { title: useId(), text: useId() };

  useEffect(() => {
    const dialog = dialogRef.current;
    const opener = document.activeElement as HTMLElement | null;
    if (dialog && !dialog.open) dialog.showModal();
    (dialog?.querySelector<HTMLElement>(FIELDS) ?? dialog?.querySelector<HTMLElement>(FOCUSABLE))?.focus();
    return () => {
      if (dialog?.open) dialog.close();
      // After the dialog has gone: back to the opener, or the page heading when the row was redrawn.
      window.setTimeout(() => {
        if (dialog?.open) return; // opened again (React's StrictMode remounts effects in development)
        if (opener?.isConnected) opener.focus();
        else document.querySelector<HTMLElement>('main h1')?.focus();
      }, 0);
    };
  }, []);

  const trapFocus = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key !== 'Tab' || !dialogRef.current) return;
    const focusable = [...dialogRef.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable.at(-1);
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={dialogRef}
      className="modal"
      role="dialog"
      aria-modal="true"
      aria-labelledby={ids.title}
      aria-describedby={description ? ids.text : undefined}
      onKeyDown={trapFocus}
      onCancel={(e) => {
        e.preventDefault(); // Escape: the owner closes by unmounting
        onCancel();
      }}
    >
      <h2 id={ids.title}>{title}</h2>
      {description && <p id={ids.text}>{description}</p>}
      {children}
    </dialog>
  );
}
