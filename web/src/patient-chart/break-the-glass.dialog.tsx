/**
 * Værdispring (break-the-glass): a modal dialog (the shared Modal: role=dialog, aria-modal, focus
 * kept inside, Escape cancels) asking for a reason of at least 10 characters, then POST /api/break-the-glass.
 * @see ../ui/modal.tsx
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { postJson } from '../api/api-client.ts';
import type { BreakTheGlassGrant } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorMessage } from '../ui/error-message.tsx';
import { Modal } from '../ui/modal.tsx';

export const MIN_REASON_LENGTH = 10;

export function BreakTheGlassDialog({ patientId, onCancel, onGranted }: { patientId: string; onCancel(): void; onGranted(grant: BreakTheGlassGrant): void }) {
  const { t } = useI18n();
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const ids = { reason: useId(), hint: useId(), error: useId() };
  const [reason, setReason] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [serverError, setServerError] = useState<unknown>(null);

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

  // The Modal opens it with showModal(), focuses its first field (the reason), and gives focus back on close.
  return (
    <Modal title={t.breakTheGlass.title} description={t.breakTheGlass.explanation} onCancel={onCancel}>
      <form onSubmit={submit} noValidate>
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
    </Modal>
  );
}
