/**
 * Vitale værdier for an afsnit, /app/vitaler/:wardId: GET /api/vitals/wards/:wardId every 10 s
 * and after each action. Per patient the device readings waiting for validation; then held readings
 * ("Uden patient"), set-aside readings ("Frasorteret"), active device alarms, open escalations, and
 * the ward's equipment ("Udstyr": associate mobile devices by scanning, those in use, fixed monitors).
 */
import { useState } from 'react';
import type { EscalationView, PatientPending, PatientRef } from '../../../src/vitals/api-types.ts';
import { isDoctor } from '../app/navigation.ts';
import { useMe } from '../auth/session.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { getWards } from '../logistics/logistics.api.ts';
import { ActionFeedback, useAction } from '../logistics/logistics.components.tsx';
import { ErrorMessage } from '../ui/error-message.tsx';
import { formatTime } from '../ui/format.ts';
import { PageHeading, usePageTitle } from '../ui/page.tsx';
import { useNow } from '../ui/use-now.ts';
import { useResource } from '../ui/use-resource.ts';
import { AlarmList, AsideReadings, HeldReadings } from './outside-readings.component.tsx';
import { WardDevices } from './devices.component.tsx';
import { PatientValidationCard } from './patient-validation.component.tsx';
import { usePoll } from './use-poll.ts';
import { assignHeld, getWardVitals } from './vitals.api.ts';
import { acknowledgeWith, EscalationTable } from './vitals.components.tsx';
import { sortEscalations, sortPatients } from './vitals.helpers.ts';

export function WardVitalsPage({ wardId }: { wardId: string }) {
  const { t: all } = useI18n();
  const t = all.vitals.ward;
  const me = useMe();
  const wards = useResource(() => getWards(), []);
  const wardName = (wards.status === 'ok' ? wards.data.wards.find((w) => w.id === wardId)?.name : undefined) ?? wardId;
  const title = t.title(wardName);
  usePageTitle(title);
  const poll = usePoll(() => getWardVitals(wardId), [wardId]);
  const action = useAction();
  const now = useNow(30_000);
  const data = poll.data;
  const patients = data ? sortPatients(data.patients) : [];
  // A card stays after its last reading is validated (with its result) until the page is left.
  const [validated, setValidated] = useState<ReadonlyMap<string, PatientPending>>(new Map());
  const shown = new Set(patients.filter((p) => p.readings.length > 0 || p.autoFinalise || validated.has(p.patient.id)).map((p) => p.patient.id));
  const cards = sortPatients([
    ...patients.filter((p) => shown.has(p.patient.id)),
    ...[...validated.values()].filter((p) => !patients.some((x) => x.patient.id === p.patient.id)).map((p) => ({ ...p, readings: [] })),
  ]);
  const waiting = patients.filter((p) => p.readings.length > 0);

  const assign = (readingIds: string[], patient: PatientRef) =>
    action.run(
      () => assignHeld(readingIds, patient.id),
      (r) => {
        void poll.reload();
        return t.assigned(r.assigned, patient.name);
      },
    );
  const acknowledge = acknowledgeWith(action, poll.reload, all.vitals.escalations.done);

  return (
    <section className="page vitals-page">
      <header className="board-header">
        <PageHeading>{title}</PageHeading>
        {data && <p className="muted live-updated">{t.updated(formatTime(data.generatedAt))}</p>}
      </header>
      {poll.error !== undefined && <ErrorMessage error={poll.error} onRetry={() => void poll.reload()} />}
      {!data && poll.error === undefined && <p className="muted">{all.loading}</p>}
      <ActionFeedback message={action.message} error={action.error} />
      {data && (
        <>
          <section aria-labelledby="vitals-pending" className="vitals-section">
            <h2 id="vitals-pending">
              {t.pendingTitle} ({waiting.reduce((n, p) => n + p.readings.length, 0)})
            </h2>
            {waiting.length === 0 && <p>{t.nonePending}</p>}
            <ul className="vitals-cards" data-testid="pending-patients">
              {cards.map((entry) => (
                <li key={entry.patient.id}>
                  <PatientValidationCard
                    key={entry.patient.id}
                    entry={entry}
                    onValidated={() => {
                      setValidated((m) => new Map(m).set(entry.patient.id, entry));
                      void poll.reload();
                    }}
                  />
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="vitals-held" className="vitals-section" data-testid="held">
            <h2 id="vitals-held">
              {t.heldTitle} ({data.held.length})
            </h2>
            <HeldReadings held={data.held} patients={patients.map((p) => p.patient)} busy={action.busy} onAssign={assign} />
          </section>
          <section aria-labelledby="vitals-aside" className="vitals-section" data-testid="aside">
            <h2 id="vitals-aside">
              {t.asideTitle} ({data.aside.length})
            </h2>
            <AsideReadings aside={data.aside} />
          </section>
          <section aria-labelledby="vitals-alarms" className="vitals-section">
            <h2 id="vitals-alarms">
              {t.alarmsTitle} ({data.alarms.filter((a) => a.active).length})
            </h2>
            <AlarmList alarms={data.alarms} />
          </section>
          <section aria-labelledby="vitals-escalations" className="vitals-section">
            <h2 id="vitals-escalations">
              {t.escalationsTitle} ({data.escalations.length})
            </h2>
            {data.escalations.length === 0 ? (
              <p>{t.escalationsNone}</p>
            ) : (
              <EscalationTable
                escalations={sortEscalations(data.escalations)}
                now={now}
                caption={t.escalationsTitle}
                canAcknowledge={isDoctor(me)}
                busy={action.busy}
                onAcknowledge={acknowledge}
              />
            )}
          </section>
          <section aria-labelledby="vitals-devices" className="vitals-section" data-testid="devices">
            <h2 id="vitals-devices">{all.vitals.devices.title}</h2>
            <WardDevices devices={data.devices ?? []} patients={patients.map((p) => p.patient)} onChanged={() => void poll.reload()} />
          </section>
        </>
      )}
    </section>
  );
}
