/**
 * The ward board's dialogs: order a service task (transport, cleaning, blood sample), request a
 * transfer to another ward with a report, assign a free bed to an incoming transfer, and confirm a
 * discharge. Each posts itself and reports a confirmation text to the board.
 */
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { NewServiceTask, WardBoard } from '../../../src/logistics/api-types.ts';
import type { BoardRow, TaskKind } from '../../../src/logistics/model.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorMessage } from '../ui/error-message.tsx';
import { Modal } from '../ui/modal.tsx';
import { useResource } from '../ui/use-resource.ts';
import { freeBeds, rowLabel } from './board.helpers.ts';
import { Icon } from './icons.tsx';
import { assignBed, createServiceTask, discharge, getWards, requestTransfer } from './logistics.api.ts';

export interface DialogProps {
  readonly board: WardBoard;
  readonly row: BoardRow;
  onCancel(): void;
  /** The action succeeded: the confirmation to show. */
  onDone(message: string): void;
}

/** A field with label, hint and error tied to the control by aria-describedby. */
export function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string | null; children: (describedBy: string | undefined) => ReactNode }) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [error ? errorId : undefined, hint ? hintId : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
      {children(describedBy)}
    </div>
  );
}

export function DialogButtons({ submitting, submit, submittingText, onCancel }: { submitting: boolean; submit: string; submittingText: string; onCancel(): void }) {
  const { t } = useI18n();
  return (
    <div className="dialog-actions">
      <button type="button" className="button-secondary" onClick={onCancel}>
        {t.logistics.dialog.cancel}
      </button>
      <button type="submit" disabled={submitting}>
        {submitting ? submittingText : submit}
      </button>
    </div>
  );
}

/** Runs a dialog's POST: submitting flag and the server's error. */
export function useSubmit(onDone: (message: string) => void) {
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = <R,>(action: () => Promise<R>, message: (r: R) => string) => {
    setSubmitting(true);
    setError(null);
    action().then(
      (r) => onDone(message(r)),
      (err: unknown) => {
        setSubmitting(false);
        setError(err);
      },
    );
  };
  return { submitting, error, submit };
}

const SERVICE_KINDS = ['transport', 'rengoering', 'blodproeve'] as const satisfies readonly TaskKind[];
const PRIORITIES = ['routine', 'urgent', 'asap', 'stat'] as const satisfies readonly NonNullable<NewServiceTask['priority']>[];

export function ServiceTaskDialog({ board, row, onCancel, onDone }: DialogProps) {
  const { t: all } = useI18n();
  const t = all.logistics;
  const base = useId();
  const ids = { kind: `${base}-kind`, description: `${base}-description`, destination: `${base}-destination`, priority: `${base}-priority` };
  const [kind, setKind] = useState<(typeof SERVICE_KINDS)[number]>('transport');
  const [description, setDescription] = useState('');
  const [destination, setDestination] = useState('');
  const [priority, setPriority] = useState<(typeof PRIORITIES)[number]>('routine');
  const [attempted, setAttempted] = useState(false);
  const destinationRef = useRef<HTMLInputElement>(null);
  const { submitting, error, submit } = useSubmit(onDone);
  const needsDestination = kind === 'transport';
  const destinationProblem = attempted && needsDestination && !destination.trim() ? t.dialog.task.destinationMissing : null;

  const send = (e: FormEvent) => {
    e.preventDefault();
    setAttempted(true);
    if (needsDestination && !destination.trim()) {
      destinationRef.current?.focus();
      return;
    }
    const task: NewServiceTask = {
      kind,
      wardId: board.ward.id,
      ...(row.encounterId ? { encounterId: row.encounterId } : {}),
      ...(row.bed ? { bedId: row.bed.id } : {}),
      ...(description.trim() ? { description: description.trim() } : {}),
      ...(kind !== 'rengoering' && destination.trim() ? { destination: destination.trim() } : {}),
      priority,
    };
    submit(() => createServiceTask(task), () => t.board.done.task(t.taskKind[kind]));
  };

  return (
    <Modal title={t.dialog.task.title} description={rowLabel(row, t.board.noBed)} onCancel={onCancel}>
      <form onSubmit={send} noValidate>
        <fieldset className="choice-group">
          <legend>{t.dialog.task.kind}</legend>
          {SERVICE_KINDS.map((k) => (
            <label key={k} className="choice">
              <input type="radio" name={ids.kind} value={k} checked={kind === k} onChange={() => setKind(k)} />
              <Icon name={k} />
              {t.taskKind[k]}
            </label>
          ))}
        </fieldset>
        {kind !== 'rengoering' && (
          <Field id={ids.destination} label={t.dialog.task.destination} hint={t.dialog.task.destinationHint} error={destinationProblem}>
            {(describedBy) => (
              <input
                ref={destinationRef}
                id={ids.destination}
                type="text"
                autoComplete="off"
                value={destination}
                onChange={(e) => setDestination(e.target.value)}
                aria-describedby={describedBy}
                aria-required={needsDestination ? true : undefined}
                aria-invalid={destinationProblem ? true : undefined}
              />
            )}
          </Field>
        )}
        <Field id={ids.description} label={t.dialog.task.description} hint={t.dialog.task.descriptionHint}>
          {(describedBy) => <textarea id={ids.description} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} aria-describedby={describedBy} />}
        </Field>
        <Field id={ids.priority} label={t.dialog.task.priority}>
          {() => (
            <select id={ids.priority} value={priority} onChange={(e) => setPriority(e.target.value as (typeof PRIORITIES)[number])}>
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {t.priority[p]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {error !== null && <ErrorMessage error={error} />}
        <DialogButtons submitting={submitting} submit={t.dialog.task.submit} submittingText={t.dialog.task.submitting} onCancel={onCancel} />
      </form>
    </Modal>
  );
}

export function TransferDialog({ board, row, onCancel, onDone }: DialogProps) {
  const { t: all, lang } = useI18n();
  const t = all.logistics;
  const base = useId();
  const ids = { to: `${base}-to`, report: `${base}-report` };
  const wards = useResource(() => getWards(), []);
  const [to, setTo] = useState('');
  const [report, setReport] = useState('');
  const [attempted, setAttempted] = useState(false);
  const toRef = useRef<HTMLSelectElement>(null);
  const reportRef = useRef<HTMLTextAreaElement>(null);
  const { submitting, error, submit } = useSubmit(onDone);
  const choices = wards.status === 'ok' ? wards.data.wards.filter((w) => w.id !== board.ward.id) : [];
  const toProblem = attempted && !to ? t.dialog.transfer.toMissing : null;
  const reportProblem = attempted && !report.trim() ? t.dialog.transfer.reportMissing : null;

  const send = (e: FormEvent) => {
    e.preventDefault();
    setAttempted(true);
    if (!to) return toRef.current?.focus();
    if (!report.trim()) return reportRef.current?.focus();
    if (!row.encounterId) return;
    const ward = choices.find((w) => w.id === to);
    submit(() => requestTransfer({ encounterId: row.encounterId!, toWardId: to, report: report.trim() }), () => t.board.done.transfer(ward?.name ?? to));
  };

  return (
    <Modal title={t.dialog.transfer.title} description={rowLabel(row, t.board.noBed)} onCancel={onCancel}>
      <form onSubmit={send} noValidate>
        {wards.status === 'error' && <ErrorMessage error={wards.error} onRetry={wards.reload} />}
        <Field id={ids.to} label={t.dialog.transfer.to} error={toProblem}>
          {(describedBy) => (
            <select
              ref={toRef}
              id={ids.to}
              value={to}
              onChange={(e) => setTo(e.target.value)}
              aria-describedby={describedBy}
              aria-required="true"
              aria-invalid={toProblem ? true : undefined}
              aria-busy={wards.status === 'loading' ? true : undefined}
            >
              <option value="">{wards.status === 'loading' ? all.loading : t.dialog.transfer.choose}</option>
              {choices.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.unitName && w.unitName !== w.name ? `${w.name} (${w.unitName})` : w.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={ids.report} label={t.dialog.transfer.report} hint={t.dialog.transfer.reportHint} error={reportProblem}>
          {(describedBy) => (
            <textarea
              ref={reportRef}
              id={ids.report}
              rows={5}
              lang={lang}
              value={report}
              onChange={(e) => setReport(e.target.value)}
              aria-describedby={describedBy}
              aria-required="true"
              aria-invalid={reportProblem ? true : undefined}
            />
          )}
        </Field>
        {error !== null && <ErrorMessage error={error} />}
        <DialogButtons submitting={submitting} submit={t.dialog.transfer.submit} submittingText={t.dialog.transfer.submitting} onCancel={onCancel} />
      </form>
    </Modal>
  );
}

export function AssignBedDialog({ board, row, onCancel, onDone }: DialogProps) {
  const { t: all } = useI18n();
  const t = all.logistics;
  const id = useId();
  const beds = freeBeds(board.rows);
  const [bedId, setBedId] = useState('');
  const [attempted, setAttempted] = useState(false);
  const { submitting, error, submit } = useSubmit(onDone);
  const problem = attempted && !bedId ? t.dialog.assignBed.bedMissing : null;
  const label = (b: { name: string; room?: string }) => [b.room, b.name].filter(Boolean).join(', ');

  const send = (e: FormEvent) => {
    e.preventDefault();
    setAttempted(true);
    const taskId = row.transfer?.taskId;
    const bed = beds.find((b) => b.id === bedId);
    if (!bed || !taskId) return;
    submit(() => assignBed(taskId, bed.id), () => t.board.done.assignBed(label(bed)));
  };

  return (
    <Modal title={t.dialog.assignBed.title} description={rowLabel(row, t.board.noBed)} onCancel={onCancel}>
      <form onSubmit={send} noValidate>
        {beds.length === 0 ? (
          <p>{t.dialog.assignBed.noFreeBeds}</p>
        ) : (
          <Field id={id} label={t.dialog.assignBed.bed} error={problem}>
            {(describedBy) => (
              <select id={id} value={bedId} onChange={(e) => setBedId(e.target.value)} aria-describedby={describedBy} aria-required="true" aria-invalid={problem ? true : undefined}>
                <option value="">{t.dialog.assignBed.choose}</option>
                {beds.map((b) => (
                  <option key={b.id} value={b.id}>
                    {label(b)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {error !== null && <ErrorMessage error={error} />}
        <DialogButtons submitting={submitting || beds.length === 0} submit={t.dialog.assignBed.submit} submittingText={submitting ? t.dialog.assignBed.submitting : t.dialog.assignBed.submit} onCancel={onCancel} />
      </form>
    </Modal>
  );
}

export function DischargeDialog({ row, onCancel, onDone }: DialogProps) {
  const { t: all } = useI18n();
  const t = all.logistics;
  const { submitting, error, submit } = useSubmit(onDone);
  const name = row.patient?.name ?? '';
  const place = row.bed ? [row.bed.room, row.bed.name].filter(Boolean).join(', ') : t.board.noBed;

  const send = (e: FormEvent) => {
    e.preventDefault();
    if (!row.encounterId) return;
    submit(() => discharge(row.encounterId!), () => t.board.done.discharge(name));
  };

  return (
    <Modal title={t.dialog.discharge.title} description={t.dialog.discharge.text(name, place)} onCancel={onCancel}>
      <form onSubmit={send}>
        {error !== null && <ErrorMessage error={error} />}
        <DialogButtons submitting={submitting} submit={t.dialog.discharge.submit} submittingText={t.dialog.discharge.submitting} onCancel={onCancel} />
      </form>
    </Modal>
  );
}
