/**
 * The ward's equipment ("Udstyr" on /app/vitaler/:wardId): associate a mobile device with one of
 * the ward's patients by scanning or typing its code (GET /api/vitals/devices?code=, then POST
 * /api/vitals/devices/:deviceId/associate), the mobile devices in use with "Afslut" (end) and
 * "Forkert patient" (withdraw with a reason: the readings leave the record and go back to "Uden
 * patient"), and the fixed monitors by bed, folded away.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import type { DeviceView, PatientRef } from '../../../src/vitals/api-types.ts';
import { ApiError } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorMessage, errorText } from '../ui/error-message.tsx';
import { formatDateTime } from '../ui/format.ts';
import { Modal } from '../ui/modal.tsx';
import { StackTable } from '../ui/stack-table.tsx';
import { useNow } from '../ui/use-now.ts';
import { activeAssociation, associatedPatientName, associationUntil, deviceLabel, fixedByBed, mobileInUse, normaliseDeviceCode, reasonMissing } from './devices.helpers.ts';
import { associateDevice, endAssociation, getDeviceByCode, withdrawAssociation } from './vitals.api.ts';

const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

export function WardDevices({ devices, patients, onChanged }: { devices: readonly DeviceView[]; patients: readonly PatientRef[]; onChanged(): void }) {
  const { t: all, lang } = useI18n();
  const t = all.vitals.devices;
  const now = useNow(30_000);
  const ids = { associate: useId(), inUse: useId() };
  const [message, setMessage] = useState('');
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [withdrawing, setWithdrawing] = useState<DeviceView | undefined>(undefined);
  const inUse = mobileInUse(devices, now);
  const fixed = fixedByBed(devices);
  const patientOf = (d: DeviceView) => associatedPatientName(d, patients) ?? d.association?.patientId ?? '';

  const done = (text: string) => {
    setError(undefined);
    setMessage(text);
    onChanged();
  };
  const end = async (d: DeviceView) => {
    if (!d.association) return;
    setBusy(true);
    setMessage('');
    setError(undefined);
    try {
      await endAssociation(d.association.id);
      done(t.ended(deviceLabel(d), patientOf(d)));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="ward-devices">
      <p role="status" className="action-status">
        {message}
      </p>
      {error !== undefined && <ErrorMessage error={error} />}

      <section aria-labelledby={ids.associate} className="device-associate">
        <h3 id={ids.associate}>{t.associateTitle}</h3>
        <AssociateDevice
          patients={patients}
          now={now}
          onAssociated={(text) => {
            done(text);
          }}
          onStart={() => setMessage('')}
        />
      </section>

      <section aria-labelledby={ids.inUse}>
        <h3 id={ids.inUse}>
          {t.inUseTitle} ({inUse.length})
        </h3>
        {inUse.length === 0 ? (
          <p>{t.inUseNone}</p>
        ) : (
          <StackTable
            caption={t.inUseCaption}
            className="device-table"
            testId="devices-in-use"
            rows={inUse}
            rowKey={(d) => d.id}
            rowProps={(d) => ({ 'data-device': d.id })}
            columns={[
              {
                key: 'device',
                header: t.columns.device,
                rowHeader: true,
                cell: (d) => (
                  <>
                    {deviceLabel(d)}
                    {d.code && d.code !== deviceLabel(d) && <span className="muted device-code">{d.code}</span>}
                  </>
                ),
              },
              { key: 'patient', header: t.columns.patient, cell: patientOf },
              { key: 'since', header: t.columns.since, cell: (d) => formatDateTime(d.association!.start, lang) },
              { key: 'until', header: t.columns.until, cell: (d) => (d.association!.end ? formatDateTime(d.association!.end, lang) : t.noEnd) },
              {
                key: 'actions',
                header: t.columns.actions,
                cell: (d) => (
                  <DeviceActions
                    label={`${deviceLabel(d)}, ${patientOf(d)}`}
                    busy={busy}
                    onEnd={() => void end(d)}
                    onWrongPatient={() => {
                      setMessage('');
                      setWithdrawing(d);
                    }}
                  />
                ),
              },
            ]}
          />
        )}
      </section>

      <details className="device-fixed" data-testid="fixed-monitors">
        <summary>{t.fixedTitle(fixed.length)}</summary>
        {fixed.length === 0 ? (
          <p>{t.fixedNone}</p>
        ) : (
          <StackTable
            caption={t.fixedCaption}
            className="device-table"
            rows={fixed}
            rowKey={(d) => d.id}
            rowProps={(d) => ({ 'data-device': d.id })}
            columns={[
              { key: 'bed', header: t.fixedColumns.bed, rowHeader: true, cell: (d) => d.bed ?? t.noBed },
              { key: 'device', header: t.fixedColumns.device, cell: deviceLabel },
              { key: 'code', header: t.fixedColumns.code, className: 'device-code', cell: (d) => d.code ?? '' },
            ]}
          />
        )}
      </details>

      {withdrawing?.association && (
        <WithdrawDialog
          device={withdrawing}
          patientName={patientOf(withdrawing)}
          onCancel={() => setWithdrawing(undefined)}
          onDone={(n) => {
            setWithdrawing(undefined);
            done(t.withdrawn(n));
          }}
        />
      )}
    </div>
  );
}

/** "Afslut" and "Forkert patient" for one device in use; `label` ("device, patient") names the row for a screen reader. */
function DeviceActions({ label, busy, onEnd, onWrongPatient }: { label: string; busy: boolean; onEnd(): void; onWrongPatient(): void }) {
  const { t: all } = useI18n();
  const t = all.vitals.devices;
  return (
    <div className="device-actions">
      <button type="button" className="button-secondary" disabled={busy} onClick={onEnd}>
        {t.end}
        <span className="visually-hidden"> – {label}</span>
      </button>
      <button type="button" className="button-secondary" disabled={busy} onClick={onWrongPatient}>
        {t.wrongPatient}
        <span className="visually-hidden"> – {label}</span>
      </button>
    </div>
  );
}

type Lookup = { readonly state: 'idle' } | { readonly state: 'loading' } | { readonly state: 'found'; readonly device: DeviceView } | { readonly state: 'error'; readonly text: string };

/** Scan or type a code (a scanner types it and sends Enter), see the device, pick a patient, associate. */
function AssociateDevice({ patients, now, onAssociated, onStart }: { patients: readonly PatientRef[]; now: number; onAssociated(message: string): void; onStart(): void }) {
  const { t: all, lang } = useI18n();
  const t = all.vitals.devices;
  const base = useId();
  const ids = { code: `${base}-code`, codeHint: `${base}-code-hint`, codeError: `${base}-code-error`, found: `${base}-found`, patient: `${base}-patient`, patientError: `${base}-patient-error`, until: `${base}-until`, untilHint: `${base}-until-hint`, untilError: `${base}-until-error` };
  const codeRef = useRef<HTMLInputElement>(null);
  const request = useRef(0);
  const [code, setCode] = useState('');
  const [lookup, setLookup] = useState<Lookup>({ state: 'idle' });
  const [patientId, setPatientId] = useState('');
  const [until, setUntil] = useState('');
  const [problem, setProblem] = useState<{ patient?: string; until?: string }>({});
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState(false);

  const reset = () => {
    request.current++;
    setLookup({ state: 'idle' });
    setPatientId('');
    setUntil('');
    setProblem({});
    setFailure('');
  };

  const find = async (e: FormEvent) => {
    e.preventDefault();
    const clean = normaliseDeviceCode(code);
    reset();
    onStart();
    if (!clean) {
      setLookup({ state: 'error', text: t.codeMissing });
      codeRef.current?.focus();
      return;
    }
    const mine = request.current;
    setLookup({ state: 'loading' });
    try {
      const device = await getDeviceByCode(clean);
      if (mine === request.current) setLookup({ state: 'found', device });
    } catch (err) {
      if (mine !== request.current) return;
      setLookup({ state: 'error', text: err instanceof ApiError && err.status === 404 ? t.notFound(clean) : errorText(err, all.errors) });
      codeRef.current?.focus();
    }
  };

  const associate = async (device: DeviceView, e: FormEvent) => {
    e.preventDefault();
    const patient = patients.find((p) => p.id === patientId);
    const end = associationUntil(until, Date.now());
    const next = { patient: patient ? undefined : t.patientMissing, until: end.problem === 'past' ? t.untilPast : end.problem === 'invalid' ? t.untilInvalid : undefined };
    setProblem(next);
    setFailure('');
    if (!patient || end.problem) {
      document.getElementById(patient ? ids.until : ids.patient)?.focus();
      return;
    }
    setBusy(true);
    try {
      await associateDevice(device.id, patient.id, end.until);
      setCode('');
      reset();
      onAssociated(t.associated(deviceLabel(device), patient.name));
      codeRef.current?.focus();
    } catch (err) {
      setFailure(err instanceof ApiError && err.status === 409 ? t.conflict : errorText(err, all.errors));
    } finally {
      setBusy(false);
    }
  };

  const codeError = lookup.state === 'error' ? lookup.text : undefined;
  const device = lookup.state === 'found' ? lookup.device : undefined;
  return (
    <>
      <p className="muted">{t.associateIntro}</p>
      <form className="device-lookup" noValidate onSubmit={(e) => void find(e)}>
        <div className="field">
          <label htmlFor={ids.code}>{t.code}</label>
          <p id={ids.codeHint} className="hint">
            {t.codeHint}
          </p>
          {codeError && (
            <p id={ids.codeError} className="field-error" role="alert">
              {codeError}
            </p>
          )}
          <div className="device-lookup-row">
            <input
              ref={codeRef}
              id={ids.code}
              type="text"
              value={code}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              enterKeyHint="search"
              aria-invalid={codeError ? true : undefined}
              aria-describedby={describedBy(ids.codeHint, codeError && ids.codeError)}
              onChange={(e) => {
                setCode(e.target.value);
                if (lookup.state !== 'idle') reset();
              }}
            />
            <button type="submit" disabled={lookup.state === 'loading'}>
              {lookup.state === 'loading' ? t.finding : t.find}
            </button>
          </div>
        </div>
      </form>
      <p role="status" className="visually-hidden">
        {device ? `${t.foundTitle}: ${deviceLabel(device)}. ${deviceStatus(device)}` : ''}
      </p>
      {device && (
        <div className="device-found" data-testid="device-found" data-device={device.id}>
          <h4 id={ids.found}>
            {t.foundTitle}: {deviceLabel(device)}
          </h4>
          <dl className="device-facts">
            <div>
              <dt>{t.codeLabel}</dt>
              <dd className="device-code">{device.code ?? '–'}</dd>
            </div>
            <div>
              <dt>{t.kindLabel}</dt>
              <dd>{t.kind[device.kind] ?? device.kind}</dd>
            </div>
            <div>
              <dt>{t.statusLabel}</dt>
              <dd data-testid="device-status">{deviceStatus(device)}</dd>
            </div>
          </dl>
          {device.kind === 'fixed' ? (
            <p>{t.fixedNote(device.bed)}</p>
          ) : (
            <form className="assign-row device-associate-form" noValidate aria-labelledby={ids.found} onSubmit={(e) => void associate(device, e)}>
              <div className="field">
                <label htmlFor={ids.patient}>{t.patient}</label>
                {problem.patient && (
                  <p id={ids.patientError} className="field-error">
                    {problem.patient}
                  </p>
                )}
                <select id={ids.patient} value={patientId} onChange={(e) => setPatientId(e.target.value)} aria-invalid={problem.patient ? true : undefined} aria-describedby={describedBy(problem.patient && ids.patientError)}>
                  <option value="">{t.choosePatient}</option>
                  {patients.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.bed ? `${p.name} (${p.bed})` : p.name}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={ids.until}>{t.untilLabel}</label>
                <p id={ids.untilHint} className="hint">
                  {t.untilHint}
                </p>
                {problem.until && (
                  <p id={ids.untilError} className="field-error">
                    {problem.until}
                  </p>
                )}
                <input id={ids.until} type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} aria-invalid={problem.until ? true : undefined} aria-describedby={describedBy(ids.untilHint, problem.until && ids.untilError)} />
              </div>
              <div className="device-associate-actions">
                <button type="submit" disabled={busy}>
                  {busy ? t.associating : t.associate}
                </button>
                <button
                  type="button"
                  className="button-secondary"
                  onClick={() => {
                    setCode('');
                    reset();
                    codeRef.current?.focus();
                  }}
                >
                  {t.clear}
                </button>
              </div>
            </form>
          )}
          {failure && (
            <div className="message message-error" role="alert">
              <p>{failure}</p>
            </div>
          )}
        </div>
      )}
    </>
  );

  function deviceStatus(d: DeviceView): string {
    const a = activeAssociation(d, now);
    if (!a) return t.free;
    const name = associatedPatientName(d, patients);
    const since = formatDateTime(a.start, lang);
    const text = name ? t.withPatient(name, since) : t.withOtherPatient(since);
    return a.end ? `${text} ${t.until(formatDateTime(a.end, lang))}` : text;
  }
}

/** "Forkert patient": the reason (at least 10 characters), then POST …/withdraw; the readings go back to "Uden patient". */
function WithdrawDialog({ device, patientName, onCancel, onDone }: { device: DeviceView; patientName: string; onCancel(): void; onDone(withdrawn: number): void }) {
  const { t: all } = useI18n();
  const t = all.vitals.devices;
  const base = useId();
  const ids = { reason: `${base}-reason`, hint: `${base}-hint`, error: `${base}-error` };
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState('');
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const label = deviceLabel(device);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing = reasonMissing(reason);
    setProblem(missing > 0 ? t.withdrawReasonShort(missing) : '');
    setError(undefined);
    if (missing > 0) {
      reasonRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const result = await withdrawAssociation(device.association!.id, reason.trim());
      onDone(result.withdrawn);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <Modal title={t.withdrawTitle(label)} description={t.withdrawText(label, patientName)} onCancel={onCancel}>
      <form noValidate onSubmit={(e) => void submit(e)} data-testid="withdraw-form">
        <div className="field">
          <label htmlFor={ids.reason}>{t.withdrawReason}</label>
          <p id={ids.hint} className="hint">
            {t.withdrawReasonHint}
          </p>
          {problem && (
            <p id={ids.error} className="field-error">
              {problem}
            </p>
          )}
          <textarea
            ref={reasonRef}
            id={ids.reason}
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={problem ? true : undefined}
            aria-describedby={describedBy(ids.hint, problem && ids.error)}
          />
        </div>
        {error !== undefined && <ErrorMessage error={error} />}
        <div className="dialog-actions">
          <button type="button" className="button-secondary" onClick={onCancel}>
            {t.cancel}
          </button>
          <button type="submit" className="button-danger" disabled={busy}>
            {busy ? t.withdrawing : t.withdrawSubmit}
          </button>
        </div>
      </form>
    </Modal>
  );
}
