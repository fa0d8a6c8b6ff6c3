/**
 * A doctor's orders on the early-warning score (in the chart's Målinger): the list, and a form for
 * a new one (SpO2 skala 2 or justerede grænser, reason of at least 10 characters, expiry, optional
 * monitoring interval) → POST /api/vitals/patients/:id/orders.
 */
import { useId, useState, type FormEvent } from 'react';
import type { PatientVitals, ScoreOrder, ScoreOrderView } from '../../../src/vitals/api-types.ts';
import { ApiError } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Chip } from '../logistics/logistics.components.tsx';
import { ErrorMessage } from '../ui/error-message.tsx';
import { formatDateTime } from '../ui/format.ts';
import { StackTable } from '../ui/stack-table.tsx';
import { postScoreOrder } from './vitals.api.ts';
import { localDateTimeToIso, outcomeByField } from './vitals.helpers.ts';

const KINDS: readonly ScoreOrder['kind'][] = ['spo2-scale-2', 'adjusted-thresholds'];
type OrderField = 'kind' | 'reason' | 'expires' | 'monitoringMinutes';
const ORDER_FIELDS: readonly OrderField[] = ['kind', 'reason', 'expires', 'monitoringMinutes'];

export function ScoreOrderList({ orders }: { orders: readonly ScoreOrderView[] }) {
  const { t: all, lang } = useI18n();
  const t = all.vitals.chart;
  if (orders.length === 0) return <p>{t.ordersNone}</p>;
  return (
    <StackTable
      caption={t.ordersCaption}
      className="order-table"
      rows={orders}
      rowKey={(o) => o.id}
      rowProps={(o) => ({ 'data-order': o.id, className: o.expired ? 'row-expired' : undefined })}
      columns={[
        { key: 'kind', header: t.ordersColumns.kind, rowHeader: true, cell: (o) => t.orderKind[o.kind] ?? o.kind },
        { key: 'reason', header: t.ordersColumns.reason, cell: (o) => o.reason },
        {
          key: 'expires',
          header: t.ordersColumns.expires,
          cell: (o) => (
            <>
              {formatDateTime(o.expires, lang)}
              {o.expired && (
                <>
                  {' '}
                  <Chip icon="cancelled" tone="none">
                    {t.expired}
                  </Chip>
                </>
              )}
            </>
          ),
        },
        { key: 'monitoring', header: t.ordersColumns.monitoring, cell: (o) => (o.monitoringMinutes !== undefined ? t.minutes(o.monitoringMinutes) : '–') },
        {
          key: 'author',
          header: t.ordersColumns.author,
          cell: (o) => (
            <>
              {o.author ?? ''} <span className="muted">{formatDateTime(o.authoredOn, lang)}</span>
            </>
          ),
        },
      ]}
    />
  );
}

export function ScoreOrderForm({ patientId, onSaved }: { patientId: string; onSaved(vitals: PatientVitals, message: string): void }) {
  const { t: all } = useI18n();
  const t = all.vitals.chart;
  const base = useId();
  const [kind, setKind] = useState<ScoreOrder['kind']>('spo2-scale-2');
  const [reason, setReason] = useState('');
  const [expires, setExpires] = useState('');
  const [minutes, setMinutes] = useState('');
  const [errors, setErrors] = useState<Partial<Record<OrderField, string>>>({});
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(undefined);
    const next: Partial<Record<OrderField, string>> = {};
    const trimmed = reason.trim();
    if (trimmed.length < 10) next.reason = t.orderReasonShort(10 - trimmed.length);
    const expiresIso = localDateTimeToIso(expires);
    if (!expiresIso) next.expires = t.orderExpiresMissing;
    else if (Date.parse(expiresIso) <= Date.now()) next.expires = t.orderExpiresPast;
    const monitoring = minutes.trim() === '' ? undefined : Number(minutes.trim());
    if (monitoring !== undefined && (!Number.isInteger(monitoring) || monitoring <= 0)) next.monitoringMinutes = t.orderMonitoringInvalid;
    setErrors(next);
    const first = ORDER_FIELDS.find((f) => next[f] !== undefined);
    if (first || !expiresIso) {
      if (first) document.getElementById(`${base}-${first}`)?.focus();
      return;
    }
    const order: ScoreOrder = { kind, reason: trimmed, expires: expiresIso, ...(monitoring !== undefined ? { monitoringMinutes: monitoring } : {}) };
    setBusy(true);
    try {
      const vitals = await postScoreOrder(patientId, order);
      setReason('');
      setExpires('');
      setMinutes('');
      onSaved(vitals, t.orderDone);
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && err.outcome) {
        const mapped = outcomeByField(err.outcome, ORDER_FIELDS);
        setErrors(mapped.fields);
        if (mapped.general.length > 0 || Object.keys(mapped.fields).length === 0) setFailure(err);
      } else setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  const described = (f: OrderField, hint?: string) => [errors[f] ? `${base}-${f}-error` : undefined, hint].filter(Boolean).join(' ') || undefined;
  const fieldError = (f: OrderField) =>
    errors[f] ? (
      <p id={`${base}-${f}-error`} className="field-error">
        {errors[f]}
      </p>
    ) : null;

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="order-form" data-testid="order-form">
      <h4>{t.orderFormTitle}</h4>
      <fieldset className="choice-group">
        <legend>{t.orderKindLegend}</legend>
        {KINDS.map((k) => (
          <label key={k} className="choice">
            <input type="radio" name={`${base}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} />
            {t.orderKind[k]}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${base}-reason`}>{t.orderReason}</label>
        <p id={`${base}-reason-hint`} className="hint">
          {t.orderReasonHint}
        </p>
        {fieldError('reason')}
        <textarea
          id={`${base}-reason`}
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={errors.reason ? true : undefined}
          aria-describedby={described('reason', `${base}-reason-hint`)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${base}-expires`}>{t.orderExpires}</label>
        {fieldError('expires')}
        <input id={`${base}-expires`} type="datetime-local" value={expires} onChange={(e) => setExpires(e.target.value)} aria-invalid={errors.expires ? true : undefined} aria-describedby={described('expires')} />
      </div>
      <div className="field">
        <label htmlFor={`${base}-monitoringMinutes`}>{t.orderMonitoring}</label>
        {fieldError('monitoringMinutes')}
        <input
          id={`${base}-monitoringMinutes`}
          type="text"
          inputMode="numeric"
          size={6}
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
          aria-invalid={errors.monitoringMinutes ? true : undefined}
          aria-describedby={described('monitoringMinutes')}
        />
      </div>
      {failure !== undefined && <ErrorMessage error={failure} />}
      <button type="submit" disabled={busy}>
        {t.orderSubmit}
      </button>
    </form>
  );
}
