/**
 * Admission from the ward board: a free bed's row offers "Indlæg …"; the dialog finds the patient by
 * CPR number (sent in a POST body, never in a URL), then admits them to that bed
 * (POST /api/logistics/admissions), with an optional expected discharge date.
 */
import { useId, useState, type FormEvent } from 'react';
import type { Patient } from '@medplum/fhirtypes';
import { useI18n } from '../i18n/i18n.tsx';
import { checkCpr } from '../patient-search/cpr.ts';
import { searchPatients } from '../patient-search/patient-search.resource.ts';
import { ErrorMessage } from '../ui/error-message.tsx';
import { Modal } from '../ui/modal.tsx';
import { DialogButtons, Field, useSubmit, type DialogProps } from './board.dialogs.tsx';
import { admit } from './logistics.api.ts';

const nameOf = (p: Patient) => p.name?.[0]?.text ?? [...(p.name?.[0]?.given ?? []), p.name?.[0]?.family].filter(Boolean).join(' ');

export function AdmitDialog({ board, row, onCancel, onDone }: DialogProps) {
  const { t: all } = useI18n();
  const t = all.logistics;
  const cprId = useId();
  const dateId = useId();
  const [cpr, setCpr] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [patient, setPatient] = useState<Patient | null>(null);
  const [finding, setFinding] = useState(false);
  const [expected, setExpected] = useState('');
  const { submitting, error, submit } = useSubmit(onDone);
  const bedLabel = [row.bed?.room, row.bed?.name].filter(Boolean).join(', ');

  const find = () => {
    const checked = checkCpr(cpr);
    setPatient(null);
    if (!checked.ok) {
      setProblem(t.dialog.admit.cprMissing);
      return;
    }
    setProblem(null);
    setFinding(true);
    searchPatients({ kind: 'cpr', cpr: checked.cpr }).then(
      (result) => {
        setFinding(false);
        const found = result.patients[0];
        if (found) setPatient(found);
        else setProblem(t.dialog.admit.notFound);
      },
      () => {
        setFinding(false);
        setProblem(t.dialog.admit.notFound);
      },
    );
  };

  const send = (e: FormEvent) => {
    e.preventDefault();
    if (!patient?.id || !row.bed) {
      find();
      return;
    }
    const name = nameOf(patient);
    submit(
      () => admit({ patientId: patient.id!, wardId: board.ward.id, bedId: row.bed!.id, ...(expected ? { expectedDischarge: expected } : {}) }),
      () => t.board.done.admit(name, bedLabel),
    );
  };

  return (
    <Modal title={t.dialog.admit.title} description={bedLabel} onCancel={onCancel}>
      <form onSubmit={send} noValidate>
        <Field id={cprId} label={t.dialog.admit.cpr} hint={t.dialog.admit.cprHint} error={problem}>
          {(describedBy) => (
            <div className="inline-field">
              <input
                id={cprId}
                value={cpr}
                inputMode="numeric"
                autoComplete="off"
                onChange={(e) => {
                  setCpr(e.target.value);
                  setPatient(null);
                }}
                aria-describedby={describedBy}
                aria-required="true"
                aria-invalid={problem ? true : undefined}
              />
              <button type="button" className="button-secondary" onClick={find} aria-disabled={finding || undefined}>
                {finding ? t.dialog.admit.finding : t.dialog.admit.find}
              </button>
            </div>
          )}
        </Field>
        {patient && (
          <p role="status" data-testid="admit-patient">
            {t.dialog.admit.found(nameOf(patient))}
          </p>
        )}
        <Field id={dateId} label={t.dialog.admit.expectedDischarge}>
          {(describedBy) => <input id={dateId} type="date" value={expected} onChange={(e) => setExpected(e.target.value)} aria-describedby={describedBy} />}
        </Field>
        {error !== null && <ErrorMessage error={error} />}
        <DialogButtons submitting={submitting || !patient} submit={t.dialog.admit.submit} submittingText={submitting ? t.dialog.admit.submitting : t.dialog.admit.submit} onCancel={onCancel} />
      </form>
    </Modal>
  );
}
