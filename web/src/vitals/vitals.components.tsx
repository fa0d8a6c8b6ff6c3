/**
 * Shared pieces of the vital-signs screens: the score badge (colour + icon + words, provisional and
 * overdue marked in words too), the escalation level chip, the ACVPU and oxygen radio groups, and
 * the escalation table with its "Kvittér" button.
 */
import type { Acvpu, EscalationLevel, EscalationView, ScoreView } from '../../../src/vitals/api-types.ts';
import { chartPath } from '../app/routes.ts';
import { Link } from '../app/router.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { IconName } from '../logistics/icons.tsx';
import { Chip, type useAction } from '../logistics/logistics.components.tsx';
import { EWS_TONE, type Tone } from '../logistics/tones.ts';
import { formatTime } from '../ui/format.ts';
import { StackTable } from '../ui/stack-table.tsx';
import { acknowledgeEscalation } from './vitals.api.ts';
import { ACVPU, isOverdue, minutesSince } from './vitals.helpers.ts';

const RISK_ICON: Record<ScoreView['risk'], IconName> = { low: 'ok', 'low-medium': 'ews', medium: 'ews', high: 'breach' };

/** "TOKS 5 (middel risiko)" on the risk's colour with an icon; Foreløbig, Måling overskredet and Bekymring as chips with words. */
export function ScoreBadge({ score, showLevel = false }: { score: ScoreView; showLevel?: boolean }) {
  const { t: all } = useI18n();
  const t = all.vitals;
  return (
    <span className="score-badge" data-risk={score.risk}>
      <Chip icon={RISK_ICON[score.risk]} tone={EWS_TONE[score.risk] ?? 'none'}>
        {t.score.text(score.system, score.total, t.risk[score.risk])}
      </Chip>
      {score.provisional && (
        <Chip tone="none" className="chip-provisional">
          <span title={t.score.provisionalHint}>{t.score.provisional}</span>
        </Chip>
      )}
      {score.overdue && (
        <Chip icon="ews-overdue" tone="yellow">
          {t.score.overdue}
        </Chip>
      )}
      {score.concern && (
        <Chip icon="comment" tone="sky">
          {t.score.concern}
        </Chip>
      )}
      {showLevel && <span className="score-level">{t.level[score.level]}</span>}
    </span>
  );
}

/** The score with its response, time and next observation: the patient's latest score or a new one. */
export function ScoreSummary({ score }: { score: ScoreView }) {
  const { t: all } = useI18n();
  const t = all.vitals;
  return (
    <div className="score-summary">
      <ScoreBadge score={score} />
      <p className="score-facts">
        <strong>{t.level[score.level]}</strong>
        <span className="muted"> · {t.score.at(formatTime(score.at))}</span>
        {score.nextDue && <span> · {t.score.nextDue(formatTime(score.nextDue))}</span>}
      </p>
    </div>
  );
}

const LEVEL_STYLE: Record<EscalationLevel, { tone: Tone; icon: IconName }> = {
  emergency: { tone: 'black', icon: 'breach' },
  urgent: { tone: 'vermillion', icon: 'priority' },
  red: { tone: 'orange', icon: 'ews' },
  concern: { tone: 'sky', icon: 'comment' },
};

export function EscalationLevelChip({ level }: { level: EscalationLevel }) {
  const { t } = useI18n();
  const style = LEVEL_STYLE[level] ?? { tone: 'none' as Tone, icon: 'ews' as IconName };
  return (
    <Chip icon={style.icon} tone={style.tone}>
      {t.vitals.escalationLevel[level] ?? level}
    </Chip>
  );
}

/** ACVPU as five radio buttons: the letter and its Danish (or English) words. */
export function AcvpuFieldset({ name, value, onChange }: { name: string; value: Acvpu | undefined; onChange(value: Acvpu): void }) {
  const { t } = useI18n();
  return (
    <fieldset className="choice-group acvpu">
      <legend>{t.vitals.acvpuLegend}</legend>
      {ACVPU.map((code) => (
        <label key={code} className="choice">
          <input type="radio" name={name} value={code} checked={value === code} onChange={() => onChange(code)} />
          <span className="acvpu-letter">{code}</span> {t.vitals.acvpu[code]}
        </label>
      ))}
    </fieldset>
  );
}

/** Supplemental oxygen: Ja / Nej. */
export function OxygenFieldset({ name, value, onChange }: { name: string; value: boolean | undefined; onChange(value: boolean): void }) {
  const { t } = useI18n();
  return (
    <fieldset className="choice-group oxygen">
      <legend>{t.vitals.oxygenLegend}</legend>
      {([true, false] as const).map((v) => (
        <label key={String(v)} className="choice">
          <input type="radio" name={name} value={v ? 'yes' : 'no'} checked={value === v} onChange={() => onChange(v)} />
          {v ? t.vitals.yes : t.vitals.no}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * Escalations as a table (cards on a phone): level, patient (a link to the chart's vitals), score,
 * age, respond-by (overdue in words and icon), status, and "Kvittér" for a doctor; in its own
 * horizontal-scroll wrapper (.table-scroll).
 */
export function EscalationTable({
  escalations,
  now,
  caption,
  canAcknowledge,
  busy,
  onAcknowledge,
  showPatient = true,
}: {
  escalations: readonly EscalationView[];
  now: number;
  caption: string;
  canAcknowledge: boolean;
  busy: boolean;
  onAcknowledge(e: EscalationView): void;
  showPatient?: boolean;
}) {
  const { t: all } = useI18n();
  const t = all.vitals.escalations;
  return (
    <StackTable
      caption={caption}
      captionVisible
      className="escalation-table"
      testId="escalation-table"
      rows={escalations}
      rowKey={(e) => e.id}
      rowProps={(e) => ({ 'data-escalation': e.id, className: isOverdue(e, now) ? 'row-overdue' : undefined })}
      columns={[
        {
          key: 'level',
          header: t.columns.level,
          cell: (e) => (
            <>
              <EscalationLevelChip level={e.level} />
              {e.description && <span className="escalation-text">{e.description}</span>}
            </>
          ),
        },
        showPatient && {
          key: 'patient',
          header: t.columns.patient,
          rowHeader: true,
          cell: (e) => (
            <>
              <Link to={chartPath(e.patient.id, 'vitals')}>{e.patient.name}</Link>
              {e.patient.bed && <span className="muted">, {t.bed(e.patient.bed)}</span>}
            </>
          ),
        },
        { key: 'score', header: t.columns.score, cell: (e) => (e.score ? `${e.score.system} ${e.score.total}` : '–') },
        { key: 'age', header: t.columns.age, cell: (e) => t.age(minutesSince(e.authoredOn, now)) },
        {
          key: 'respondBy',
          header: t.columns.respondBy,
          cell: (e) => (
            <>
              {e.respondBy ? t.respondBy(formatTime(e.respondBy)) : '–'}
              {isOverdue(e, now) && (
                <>
                  {' '}
                  <Chip icon="breach" tone="vermillion">
                    {t.overdue}
                  </Chip>
                </>
              )}
            </>
          ),
        },
        {
          key: 'status',
          header: t.columns.status,
          cell: (e) =>
            e.status === 'requested' ? (
              <>
                <span className="escalation-status">{t.status.requested}</span>
                {canAcknowledge && (
                  <button type="button" className="button-ack" aria-disabled={busy || undefined} onClick={() => !busy && onAcknowledge(e)}>
                    {t.acknowledge}
                    <span className="visually-hidden"> – {e.patient.name}</span>
                  </button>
                )}
              </>
            ) : (
              <span className="escalation-status">{e.acknowledgedAt ? t.acknowledged(e.acknowledgedBy, formatTime(e.acknowledgedAt)) : t.status[e.status]}</span>
            ),
        },
      ]}
    />
  );
}

/** The "Kvittér" handler: acknowledges through `action`, lets the caller apply the answer, reloads, and names the patient in the message. */
export function acknowledgeWith(
  action: ReturnType<typeof useAction>,
  reload: () => unknown,
  doneText: (patientName: string) => string,
  applied?: (updated: EscalationView) => void,
): (e: EscalationView) => void {
  return (e) =>
    void action.run(
      () => acknowledgeEscalation(e.id),
      (updated) => {
        applied?.(updated);
        void reload();
        return doneText(e.patient.name);
      },
    );
}
