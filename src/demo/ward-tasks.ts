/**
 * The wards' service tasks and the transfer under way: a cleaning task for every bed being cleaned
 * (one in progress), a porter transport to røntgen (requested), blood samples (one taken earlier
 * today, one waiting), and the MED2 → KIR transfer accepted by KIR.
 */
import { TaskKind, TaskStatus } from '../logistics/model.ts';
import type { AdmittedStay } from './admissions.ts';
import { hoursBefore } from './dates.ts';
import type { StayContext } from './demo-context.ts';
import { logisticsTask } from './logistics-tasks.ts';
import { pendingServiceRequest } from './service-request.ts';
import { StayVariant } from './stay-plan.ts';

export function addWardTasks(ctx: StayContext, admitted: readonly AdmittedStay[], cleaning: readonly string[]): void {
  const { b, now } = ctx;
  const first = (unit: string, variant: StayVariant = StayVariant.standard) => admitted.find((s) => s.stay.unit === unit && s.stay.variant === variant);
  const patientTask = (s: AdmittedStay) => ({
    patientRef: s.patientRef,
    encounterRef: s.encounterRef,
    focusRef: s.encounterRef,
    locationRef: s.place.ref,
    locationName: s.place.name,
    requesterRef: s.unit.ref,
    requesterName: s.unit.name,
  });

  // Cleaning: the bed is the focus; the MED2 bed is being cleaned now, the others wait.
  cleaning.forEach((key, i) => {
    const bed = ctx.places.places.get(key)!;
    const unit = ctx.units.get(bed.unit)!;
    const inProgress = bed.unit === 'MED2';
    b.add(
      logisticsTask({
        kind: TaskKind.cleaning,
        status: inProgress ? TaskStatus.inProgress : TaskStatus.requested,
        authoredOn: hoursBefore(now, inProgress ? 0.75 : 0.25 + i * 0.1),
        ...(inProgress ? { started: hoursBefore(now, 0.2) } : {}),
        description: `Slutrengøring af ${bed.room ? `${bed.room}, ` : ''}${bed.name} efter udskrivelse`,
        focusRef: bed.ref,
        locationRef: bed.ref,
        locationName: bed.name,
        requesterRef: unit.ref,
        requesterName: unit.name,
      }),
    );
  });

  // A porter takes a MED1 patient to røntgen for the chest X-ray ordered this morning.
  const toXray = first('MED1');
  if (toXray) {
    b.add(pendingServiceRequest({ kind: 'imaging', text: 'Røntgen af thorax', patientRef: toXray.patientRef, encounterRef: toXray.encounterRef, requesterRef: toXray.doctor.ref, authoredOn: hoursBefore(now, 2) }));
    b.add(logisticsTask({ kind: TaskKind.transport, status: TaskStatus.requested, authoredOn: hoursBefore(now, 1 / 3), description: 'Transport til Røntgen (røntgen af thorax), i seng', ...patientTask(toXray) }));
  }

  // Blood samples: one taken earlier today on MED2, one waiting on KIR.
  const sampled = first('MED2');
  if (sampled) {
    b.add(
      logisticsTask({
        kind: TaskKind.labSample,
        status: TaskStatus.completed,
        authoredOn: hoursBefore(now, 3),
        started: hoursBefore(now, 2.5),
        ended: hoursBefore(now, 2.4),
        description: 'Blodprøver: hæmoglobin, CRP, kreatinin, natrium, kalium',
        ...patientTask(sampled),
      }),
    );
  }
  const waiting = first('KIR');
  if (waiting) {
    b.add(logisticsTask({ kind: TaskKind.labSample, status: TaskStatus.requested, authoredOn: hoursBefore(now, 0.5), description: 'Blodprøver: hæmoglobin, CRP', ...patientTask(waiting) }));
  }

  // The transfer handshake: MED2 sent the report two hours ago, KIR accepted; no bed assigned yet.
  const moving = first('MED2', StayVariant.transferOut);
  if (moving) {
    const kir = ctx.units.get('KIR')!;
    b.add(
      logisticsTask({
        kind: TaskKind.transfer,
        status: TaskStatus.accepted,
        authoredOn: hoursBefore(now, 2),
        lastModified: hoursBefore(now, 1.25),
        description: 'Kirurgisk vurdering ønsket: tiltagende mavesmerter og stigende CRP under indlæggelsen. Stabil, NEWS 2. Overflyttes til Kirurgisk afdeling K.',
        patientRef: moving.patientRef,
        encounterRef: moving.encounterRef,
        focusRef: moving.encounterRef,
        requesterRef: moving.unit.ref,
        requesterName: moving.unit.name,
        ownerRef: kir.ref,
        ownerName: kir.name,
      }),
    );
  }
}
