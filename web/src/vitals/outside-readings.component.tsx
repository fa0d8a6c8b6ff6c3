/**
 * The ward's readings outside any chart and its device alarms (on /app/vitaler/:wardId): held
 * readings ("Uden patient", assignable to one of the ward's patients with POST
 * /api/vitals/held/assign), set-aside readings ("Frasorteret", with the reason), and active alarms.
 */
import { useId, useState } from 'react';
import type { AlarmView, OutsideReadingView, PatientRef } from '../../../src/vitals/api-types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Chip } from '../logistics/logistics.components.tsx';
import { formatTime } from '../ui/format.ts';
import { StackTable } from '../ui/stack-table.tsx';
import { parameterLabel, unitText } from './vitals.helpers.ts';

const deviceText = (d: OutsideReadingView['device']) => [d.name ?? d.id, d.bed].filter(Boolean).join(', ');

function OutsideTable({ readings, caption, selectable, selected, onToggle }: { readings: readonly OutsideReadingView[]; caption: string; selectable: boolean; selected?: ReadonlySet<string>; onToggle?(id: string, checked: boolean): void }) {
  const { t: all, lang } = useI18n();
  const t = all.vitals.ward;
  const base = useId();
  const rows = readings.map((r) => ({ r, id: `${base}-${r.id}`, label: parameterLabel(r.parameter, lang, undefined, r.code), value: [r.value, unitText(r.unit)].filter(Boolean).join(' ') }));
  return (
    <StackTable
      caption={caption}
      className="outside-table"
      rows={rows}
      rowKey={({ r }) => r.id}
      rowProps={({ r }) => ({ 'data-reading': r.id })}
      columns={[
        selectable && {
          key: 'select',
          header: t.outsideColumns.select,
          cell: ({ r, id, label, value }) => (
            <>
              <input type="checkbox" id={id} checked={selected?.has(r.id) ?? false} onChange={(e) => onToggle?.(r.id, e.target.checked)} />
              <label htmlFor={id} className="visually-hidden">
                {t.selectHeld(label, value, deviceText(r.device))}
              </label>
            </>
          ),
        },
        { key: 'parameter', header: t.outsideColumns.parameter, rowHeader: true, cell: ({ label }) => label },
        { key: 'value', header: t.outsideColumns.value, className: 'nowrap', cell: ({ value }) => value },
        { key: 'at', header: t.outsideColumns.at, cell: ({ r }) => formatTime(r.at) },
        { key: 'device', header: t.outsideColumns.device, cell: ({ r }) => deviceText(r.device) },
        { key: 'reason', header: t.outsideColumns.reason, cell: ({ r }) => r.reason },
      ]}
    />
  );
}

/** "Uden patient": held readings, ticked ones assigned to a chosen patient of the ward. */
export function HeldReadings({ held, patients, busy, onAssign }: { held: readonly OutsideReadingView[]; patients: readonly PatientRef[]; busy: boolean; onAssign(readingIds: string[], patient: PatientRef): Promise<boolean> }) {
  const { t: all } = useI18n();
  const t = all.vitals.ward;
  const selectId = useId();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [patientId, setPatientId] = useState('');
  const [problem, setProblem] = useState<{ readings?: string; patient?: string }>({});
  const present = new Set(held.map((h) => h.id));
  const ticked = [...selected].filter((id) => present.has(id));

  const assign = async () => {
    const patient = patients.find((p) => p.id === patientId);
    const next = { readings: ticked.length === 0 ? t.assignMissingReadings : undefined, patient: patient ? undefined : t.assignMissingPatient };
    setProblem(next);
    if (!patient || ticked.length === 0) return;
    if (await onAssign(ticked, patient)) {
      setSelected(new Set());
      setPatientId('');
    }
  };

  if (held.length === 0) return <p>{t.heldNone}</p>;
  return (
    <>
      <p className="muted">{t.heldIntro}</p>
      <OutsideTable
        readings={held}
        caption={t.heldCaption}
        selectable
        selected={selected}
        onToggle={(id, checked) =>
          setSelected((prev) => {
            const next = new Set(prev);
            if (checked) next.add(id);
            else next.delete(id);
            return next;
          })
        }
      />
      {problem.readings && (
        <p className="field-error" role="alert">
          {problem.readings}
        </p>
      )}
      <div className="assign-row">
        <div className="field">
          <label htmlFor={selectId}>{t.assignPatient}</label>
          {problem.patient && (
            <p id={`${selectId}-error`} className="field-error">
              {problem.patient}
            </p>
          )}
          <select id={selectId} value={patientId} onChange={(e) => setPatientId(e.target.value)} aria-invalid={problem.patient ? true : undefined} aria-describedby={problem.patient ? `${selectId}-error` : undefined}>
            <option value="">{t.choosePatient}</option>
            {patients.map((p) => (
              <option key={p.id} value={p.id}>
                {p.bed ? `${p.name} (${t.bed(p.bed)})` : p.name}
              </option>
            ))}
          </select>
        </div>
        <button type="button" disabled={busy} onClick={() => void assign()}>
          {t.assign}
        </button>
      </div>
    </>
  );
}

export function AsideReadings({ aside }: { aside: readonly OutsideReadingView[] }) {
  const { t } = useI18n();
  if (aside.length === 0) return <p>{t.vitals.ward.asideNone}</p>;
  return (
    <>
      <p className="muted">{t.vitals.ward.asideIntro}</p>
      <OutsideTable readings={aside} caption={t.vitals.ward.asideCaption} selectable={false} />
    </>
  );
}

/** Active device alarms: priority as icon + word, the alarm text, device and bed, patient, time. */
export function AlarmList({ alarms }: { alarms: readonly AlarmView[] }) {
  const { t } = useI18n();
  const w = t.vitals.ward;
  const active = alarms.filter((a) => a.active);
  if (active.length === 0) return <p>{w.alarmsNone}</p>;
  return (
    <ul className="alarm-list" data-testid="alarms">
      {active.map((a) => {
        const priority = (a.priority ?? '').toLowerCase();
        return (
          <li key={a.id} className={`alarm alarm-${priority || 'none'}`}>
            <Chip icon="breach" tone={priority === 'high' ? 'vermillion' : priority === 'medium' ? 'orange' : 'yellow'}>
              {w.alarmPriority[priority] ?? a.priority ?? w.alarmPriority.info}
            </Chip>
            <strong className="alarm-text">{a.text}</strong>
            <span className="muted">
              {[a.patient?.name, a.device.bed ? w.bed(a.device.bed) : undefined, a.device.name ?? a.device.id, formatTime(a.at)].filter(Boolean).join(' · ')}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
