/**
 * Værdispring (break-the-glass): a modal dialog (role=dialog, aria-modal, focus kept inside,
 * Escape cancels) asking for a reason of at least 10 characters, then POST /api/break-the-glass.
 * @see https://www.w3.org/WAI/ARIA/apg/patterns/dialog-modal/
 */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { postJson } from '../api/api-client.ts';
import type { BreakTheGlassGrant } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorMessage } from '../ui/error-message.tsx';

export const MIN_REASON_LENGTH = 10;

const FOCUSABLE = 'a[href], button:not([disabled]), textarea:not([disabled]), input:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function BreakTheGlassDialog({ patientId, onCancel, onGranted }: { patientId: string; onCancel(): void; onGranted(grant: BreakTheGlassGrant): void }) {
  const { t } = useI18n();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const ids = { title: useId(), text: useId(), reason: useId(), hint: useId(), error: useId() };
  const [reason, setReason] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [serverError, setServerError] = useState<unknown>(null);

  // Open as a modal (the rest of the page becomes inert); give focus back to where it was on close.
  useEffect(() => {
    const dialog = dialogRef.current;
    const previous = document.activeElement as HTMLElement | null;
    if (dialog && !dialog.open) dialog.showModal();
    reasonRef.current?.focus();
    return () => {
      if (dialog?.open) dialog.close();
      previous?.focus?.();
    };
  }, []);

  const missing = Math.max(0, MIN_REASON_LENGTH - reason.trim().length);
  const reasonProblem = attempted && missing > 0 ? (reason.trim() ? t.breakTheGlass.reasonTooShort(missing) : t.breakTheGlass.reasonMissing) : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAttempted(true);
    if (missing > 0) {
      reasonRef.current?.focus();
      return;
    }
    setSubmitting(true);
    setServerError(null);
    postJson<BreakTheGlassGrant>('/api/break-the-glass', { patient: patientId, reason: reason.trim() }).then(onGranted, (err: unknown) => {
      setSubmitting(false);
      setServerError(err);
    });
  };

  // Tab and Shift+Tab cycle inside the dialog.
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
      aria-describedby={ids.text}
      onKeyDown={trapFocus}
      onCancel={(e) => {
        e.preventDefault(); // Escape: we close by unmounting
        onCancel();
      }}
    >
      <form onSubmit={submit} noValidate>
        <h2 id={ids.title}>{t.breakTheGlass.title}</h2>
        <p id={ids.text}>{t.breakTheGlass.explanation}</p>
        <label htmlFor={ids.reason}>{t.breakTheGlass.reasonLabel}</label>
        <p id={ids.hint} className="hint">
          {t.breakTheGlass.reasonHint}
        </p>
        {reasonProblem && (
          <p id={ids.error} className="field-error">
            {reasonProblem}
          </p>
        )}
        <textarea
          ref={reasonRef}
          id={ids.reason}
          rows={4}
          required
          aria-required="true"
          aria-invalid={reasonProblem ? true : undefined}
          aria-describedby={reasonProblem ? `${ids.error} ${ids.hint}` : ids.hint}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        {serverError !== null && <ErrorMessage error={serverError} />}
        <div className="dialog-actions">
          <button type="button" className="button-secondary" onClick={onCancel}>
            {t.breakTheGlass.cancel}
          </button>
          <button type="submit" className="button-danger" disabled={submitting}>
            {submitting ? t.breakTheGlass.confirming : t.breakTheGlass.confirm}
          </button>
        </div>
      </form>
    </dialog>
  );
}
