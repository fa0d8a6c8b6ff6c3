/**
 * The chart's Målinger (/app/patient/:id/vitals): GET /api/vitals/patients/:id → the latest score
 * (raw and, under a doctor's order, adjusted side by side), the last 24 hours of scores, recent
 * readings, the manual vitals form, "Bekymring"; for doctors the orders on the score with a form
 * for a new one, and the escalations with "Kvittér".
 */
import { useId, useState } from 'react';
import type { EscalationView, PatientVitals, ScoreView } from '../../../src/vitals/api-types.ts';
import { isDoctor } from '../app/navigation.ts';
import { useMe } from '../auth/session.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ActionFeedback, Chip, useAction } from '../logistics/logistics.components.tsx';
import { ErrorMessage } from '../ui/error-message.tsx';
import { formatDateTime, formatTime } from '../ui/format.ts';
import { Modal } from '../ui/modal.tsx';
import { StackTable } from '../ui/stack-table.tsx';
import { useNow } from '../ui/use-now.ts';
import { ManualVitalsForm } from './manual-vitals.form.tsx';
import { ScoreOrderForm, ScoreOrderList } from './score-orders.component.tsx';
import { usePoll } from './use-poll.ts';
import { getPatientVitals, postConcern } from './vitals.api.ts';
import { acknowledgeWith, EscalationTable, ScoreBadge, ScoreSummary } from './vitals.components.tsx';
import { formatValue, parameterLabel, recentScores, sortEscalations } from './vitals.helpers.ts';

export function PatientVitalsModule({ patientId, headingId }: { patientId: string; headingId: string }) {
  const { t: all } = useI18n();
  const t = all.vitals.chart;
  const me = useMe();
  const doctor = isDoctor(me);
  const poll = usePoll(() => getPatientVitals(patientId), [patientId], 30_000);
  const action = useAction();
  const now = useNow(30_000);
  const [concernOpen, setConcernOpen] = useState(false);
  const data = poll.data;
  const ids = { latest: useId(), history: useId(), readings: useId(), orders: useId(), escalations: useId() };

  const acknowledge = acknowledgeWith(action, poll.reload, all.vitals.escalations.done);

  return (
    <>
      <h2 id={headingId} tabIndex={-1}>
        {all.chart.modules.vitals}
      </h2>
      {poll.error !== undefined && <ErrorMessage error={poll.error} onRetry={() => void poll.reload()} />}
      {!data && poll.error === undefined && <p className="muted">{all.loading}</p>}
      <ActionFeedback message={action.message} error={action.error} />
      {data && (
        <div className="patient-vitals">
          <section aria-labelledby={ids.latest} className="vitals-latest-section">
            <h3 id={ids.latest}>{t.latest}</h3>
            {data.latestScore ? <LatestScore score={data.latestScore} /> : <p>{all.vitals.score.none}</p>}
            <button type="button" className="button-secondary" onClick={() => setConcernOpen(true)}>
              {t.concernButton}
            </button>
          </section>
          <ManualVitalsForm patientId={patientId} onSaved={() => void poll.reload()} />
          <section aria-labelledby={ids.history}>
            <h3 id={ids.history}>{t.historyTitle}</h3>
            <ScoreHistory scores={recentScores(data.scores, now)} />
          </section>
          <section aria-labelledby={ids.readings}>
            <h3 id={ids.readings}>{t.readingsTitle}</h3>
            <Readings vitals={data} />
          </section>
          {(doctor || data.escalations.length > 0) && (
            <section aria-labelledby={ids.escalations}>
              <h3 id={ids.escalations}>{t.escalationsTitle}</h3>
              {data.escalations.length === 0 ? (
                <p>{t.escalationsNone}</p>
              ) : (
                <EscalationTable
                  escalations={sortEscalations(data.escalations)}
                  now={now}
                  caption={t.escalationsTitle}
                  canAcknowledge={doctor}
                  busy={action.busy}
                  onAcknowledge={acknowledge}
                  showPatient={false}
                />
              )}
            </section>
          )}
          {(doctor || data.orders.length > 0) && (
            <section aria-labelledby={ids.orders}>
              <h3 id={ids.orders}>{t.ordersTitle}</h3>
              <ScoreOrderList orders={data.orders} />
              {doctor && (
                <ScoreOrderForm
                  patientId={patientId}
                  onSaved={(vitals, message) =>
                    void action.run(
                      () => Promise.resolve(vitals),
                      (v) => {
                        poll.set(v);
                        return message;
                      },
                    )
                  }
                />
              )}
            </section>
          )}
        </div>
      )}
      {concernOpen && (
        <ConcernDialog
          patientId={patientId}
          onCancel={() => setConcernOpen(false)}
          onDone={(vitals) => {
            setConcernOpen(false);
            poll.set(vitals);
            void action.run(() => Promise.resolve(vitals), () => t.concernDone);
          }}
        />
      )}
    </>
  );
}

/** The raw score, and beside it the doctor's adjusted reading when an order applies. */
function LatestScore({ score }: { score: ScoreView }) {
  const { t: all, lang } = useI18n();
  const t = all.vitals.chart;
  return (
    <div className="latest-scores">
      <div className="latest-box" data-testid="latest-raw">
        <p className="result-label">{t.raw}</p>
        <ScoreSummary score={score} />
      </div>
      {score.adjusted && (
        <div className="latest-box latest-adjusted" data-testid="latest-adjusted">
          <p className="result-label">{t.adjusted}</p>
          <p>
            <strong>{all.vitals.level[score.adjusted.level as ScoreView['level']] ?? score.adjusted.level}</strong>
          </p>
          <p>
            {t.reason}: {score.adjusted.reason}
          </p>
          <p className="muted">{t.adjustedUntil(formatDateTime(score.adjusted.expires, lang))}</p>
        </div>
      )}
    </div>
  );
}

function ScoreHistory({ scores }: { scores: readonly ScoreView[] }) {
  const { t: all } = useI18n();
  const t = all.vitals.chart;
  if (scores.length === 0) return <p>{t.historyNone}</p>;
  return (
    <StackTable
      caption={t.historyCaption}
      className="score-history"
      rows={scores}
      rowKey={(s) => s.observationId}
      columns={[
        { key: 'at', header: t.historyColumns.at, rowHeader: true, cell: (s) => formatTime(s.at) },
        { key: 'score', header: t.historyColumns.score, cell: (s) => <ScoreBadge score={{ ...s, overdue: false }} /> },
        { key: 'level', header: t.historyColumns.level, cell: (s) => all.vitals.level[s.level] },
      ]}
    />
  );
}

function Readings({ vitals }: { vitals: PatientVitals }) {
  const { t: all, lang } = useI18n();
  const t = all.vitals.chart;
  const readings = [...vitals.readings].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  if (readings.length === 0) return <p>{t.readingsNone}</p>;
  return (
    <StackTable
      caption={t.readingsCaption}
      className="readings-history"
      rows={readings}
      rowKey={(r) => r.id}
      columns={[
        { key: 'at', header: t.readingsColumns.at, cell: (r) => formatDateTime(r.at, lang) },
        { key: 'parameter', header: t.readingsColumns.parameter, rowHeader: true, cell: (r) => parameterLabel(r.parameter, lang, r.label) },
        { key: 'value', header: t.readingsColumns.value, className: 'nowrap', cell: (r) => formatValue(r.value, r.unit, lang) },
        {
          key: 'status',
          header: t.readingsColumns.status,
          cell: (r) =>
            r.status === 'preliminary' ? (
              <Chip icon="requested" tone="yellow">
                {t.readingStatus[r.status]}
              </Chip>
            ) : (
              (t.readingStatus[r.status] ?? r.status)
            ),
        },
        { key: 'source', header: t.readingsColumns.source, cell: (r) => (r.device ? (r.device.name ?? r.device.id) : t.manual) },
      ]}
    />
  );
}

function ConcernDialog({ patientId, onCancel, onDone }: { patientId: string; onCancel(): void; onDone(vitals: PatientVitals): void }) {
  const { t: all } = useI18n();
  const t = all.vitals.chart;
  const noteId = useId();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  return (
    <Modal title={t.concernTitle} description={t.concernText} onCancel={onCancel}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          setError(undefined);
          postConcern(patientId, note.trim() || undefined).then(onDone, (err: unknown) => {
            setError(err);
            setBusy(false);
          });
        }}
      >
        <div className="field">
          <label htmlFor={noteId}>{t.concernNote}</label>
          <textarea id={noteId} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        {error !== undefined && <ErrorMessage error={error} />}
        <div className="dialog-actions">
          <button type="button" className="button-secondary" onClick={onCancel}>
            {t.cancel}
          </button>
          <button type="submit" disabled={busy}>
            {t.concernSubmit}
          </button>
        </div>
      </form>
    </Modal>
  );
}
