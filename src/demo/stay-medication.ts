/**
 * A demo ward stay's medication and its daily note, for the journal overview ("Overblik"): FMK-like
 * MedicationStatements (ATC, Danish drug names, dose, route and frequency) chosen by the stay's
 * diagnosis, and, from the second day, a daily note (Composition, LOINC 11506-3) that stops one drug
 * ("Marevan seponeres pga. …") while the structured list still says active, so the overview flags
 * it; with a pending order the note says is awaited. Deterministic from the stay: no random draws
 * besides the entries' ids.
 */
import type { Composition, MedicationStatement } from '@medplum/fhirtypes';
import type { StayContext } from './demo-context.ts';
import { hoursBefore } from './dates.ts';
import { demoMeta, System } from './demo-meta.ts';
import { pendingServiceRequest } from './service-request.ts';

interface DemoDrug {
  readonly name: string;
  readonly atc: string;
  readonly dose: number;
  readonly unit: string;
  readonly form: string;
  readonly route: 'Oral anvendelse' | 'Subkutan anvendelse' | 'Inhalation';
  readonly timesDaily: number;
  /** Why it is stopped, when the daily note stops it. */
  readonly stopReason?: string;
}

const drug = (name: string, atc: string, dose: number, unit: string, timesDaily: number, route: DemoDrug['route'] = 'Oral anvendelse', stopReason?: string): DemoDrug => ({
  name, atc, dose, unit, form: route === 'Oral anvendelse' ? 'tablet' : route === 'Inhalation' ? 'inhalation' : 'injektion', route, timesDaily, ...(stopReason ? { stopReason } : {}),
});

const PANODIL = drug('Panodil', 'N02BE01', 1, 'g', 4);
const PANTOPRAZOL = drug('Pantoprazol', 'A02BC02', 40, 'mg', 1, 'Oral anvendelse', 'manglende indikation');
/** By diagnosis (SKS); the first drug with a stop reason is the one the daily note stops. */
const BY_DIAGNOSIS: Readonly<Record<string, readonly DemoDrug[]>> = {
  DI489: [drug('Marevan', 'B01AA03', 2.5, 'mg', 1, 'Oral anvendelse', 'INR 4,8 og næseblødning'), drug('Metoprolol', 'C07AB02', 50, 'mg', 2), PANODIL],
  DI509: [drug('Furix', 'C03CA01', 40, 'mg', 1, 'Oral anvendelse', 'dehydrering og stigende kreatinin'), drug('Ramipril', 'C09AA05', 5, 'mg', 1)],
  DJ449: [drug('Spiriva', 'R03BB04', 18, 'mikrog', 1, 'Inhalation'), drug('Prednisolon', 'H02AB06', 37.5, 'mg', 1), PANTOPRAZOL],
  DJ189: [drug('Selexid', 'J01CA08', 400, 'mg', 3), PANODIL, PANTOPRAZOL],
  DN390: [drug('Selexid', 'J01CA08', 400, 'mg', 3), PANODIL],
};
const SURGICAL: readonly DemoDrug[] = [PANODIL, drug('Fragmin', 'B01AB04', 5000, 'IE', 1, 'Subkutan anvendelse', 'planlagt operation'), PANTOPRAZOL];
const PSYCHIATRIC: readonly DemoDrug[] = [drug('Sertralin', 'N06AB06', 50, 'mg', 1), drug('Melatonin', 'N05CH01', 2, 'mg', 1)];

const comma = (n: number) => String(n).replace('.', ',');
const doseText = (d: DemoDrug) => `${comma(d.dose)} ${d.unit} x ${d.timesDaily} dgl.`;

function statement(d: DemoDrug, patientRef: string, doctorRef: string, start: string): MedicationStatement {
  return {
    resourceType: 'MedicationStatement',
    meta: demoMeta(),
    status: 'active',
    medicationCodeableConcept: { coding: [{ system: System.atc, code: d.atc, display: d.name }], text: d.name },
    subject: { reference: patientRef },
    effectivePeriod: { start },
    dateAsserted: start,
    informationSource: { reference: doctorRef },
    dosage: [{
      text: `${d.name} ${doseText(d)}`,
      route: { coding: [{ system: 'urn:oid:1.2.208.176.2.6', code: d.route === 'Oral anvendelse' ? 'ORAL' : d.route === 'Inhalation' ? 'INHAL' : 'SC' }], text: d.route },
      timing: { repeat: { frequency: d.timesDaily, period: 1, periodUnit: 'd' } },
      doseAndRate: [{ doseQuantity: { value: d.dose, unit: d.unit } }],
    }],
  };
}

const section = (title: string, lines: readonly string[]) => ({
  title,
  text: { status: 'generated' as const, div: `<div xmlns="http://www.w3.org/1999/xhtml">${lines.map((l) => `<p>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('')}</div>` },
});

export interface StayMedicationInput {
  readonly patientRef: string;
  readonly encounterRef: string;
  readonly doctorRef: string;
  readonly doctorName: string;
  readonly diagnosisCode: string;
  readonly unit: 'MED1' | 'MED2' | 'KIR' | 'PSY';
  readonly hoursAgo: number;
}

/** Adds the stay's medication and, when it is older than a day, the daily note; returns the stopped drug's name, if any. */
export function addStayMedication(ctx: StayContext, input: StayMedicationInput): string | undefined {
  const drugs = input.unit === 'PSY' ? PSYCHIATRIC : input.unit === 'KIR' ? SURGICAL : (BY_DIAGNOSIS[input.diagnosisCode] ?? [PANODIL, PANTOPRAZOL]);
  const start = hoursBefore(ctx.now, input.hoursAgo);
  for (const d of drugs) ctx.b.add(statement(d, input.patientRef, input.doctorRef, start));
  if (input.hoursAgo < 24) return undefined;
  const stopped = drugs.find((d) => d.stopReason);
  const noteHoursAgo = input.hoursAgo - 20;
  const awaited = input.unit === 'PSY' ? undefined : input.diagnosisCode === 'DI489' || input.diagnosisCode === 'DI509' ? 'Ekkokardiografi' : 'Røntgen af thorax';
  if (awaited) {
    ctx.b.add(pendingServiceRequest({ kind: 'imaging', text: awaited, patientRef: input.patientRef, encounterRef: input.encounterRef, requesterRef: input.doctorRef, authoredOn: hoursBefore(ctx.now, noteHoursAgo) }));
  }
  const note: Composition = {
    resourceType: 'Composition',
    meta: demoMeta(),
    status: 'final',
    type: { coding: [{ system: 'http://loinc.org', code: '11506-3', display: 'Progress note' }], text: 'Journalnotat' },
    subject: { reference: input.patientRef },
    encounter: { reference: input.encounterRef },
    date: hoursBefore(ctx.now, noteHoursAgo),
    author: [{ reference: input.doctorRef, display: input.doctorName }],
    title: 'Stuegangsnotat',
    section: [
      section('Objektivt', ['Vågen og klar, upåvirket.']),
      section('Konklusion', ['Klinisk i bedring.']),
      section('Plan', [
        ...(stopped ? [`${stopped.name} seponeres pga. ${stopped.stopReason}.`] : []),
        ...(awaited ? [`${awaited} er bestilt, svar afventes.`] : []),
        'Fortsat vanlig medicin i øvrigt.',
      ]),
    ],
  };
  ctx.b.add(note);
  return stopped?.name;
}
