/**
 * @module The timeline of an evaluation record: encounters over five years and the kind, date and
 * encounter of every note, drawn from the seeded generator before any text is written.
 */
import type { Random } from '../../demo/random.ts';

export type NoteKind = 'admission' | 'progress' | 'outpatient' | 'epikrise' | 'psychiatric' | 'nursing' | 'imaging' | 'administrative' | 'amended';

export const NOTE_KINDS: Record<NoteKind, { title: string; loinc: { code: string; display: string }; resource: 'Composition' | 'DocumentReference' }> = {
  admission: { title: 'Indlæggelsesnotat', loinc: { code: '34117-2', display: 'History and physical note' }, resource: 'Composition' },
  progress: { title: 'Journalnotat', loinc: { code: '11506-3', display: 'Progress note' }, resource: 'Composition' },
  outpatient: { title: 'Ambulant notat', loinc: { code: '34108-1', display: 'Outpatient Note' }, resource: 'Composition' },
  epikrise: { title: 'Epikrise', loinc: { code: '18842-5', display: 'Discharge summary' }, resource: 'Composition' },
  psychiatric: { title: 'Psykiatrisk journalnotat', loinc: { code: '11506-3', display: 'Progress note' }, resource: 'Composition' },
  nursing: { title: 'Sygeplejenotat', loinc: { code: '34746-8', display: 'Nurse Note' }, resource: 'DocumentReference' },
  imaging: { title: 'Røntgenbeskrivelse', loinc: { code: '18748-4', display: 'Diagnostic imaging study' }, resource: 'DocumentReference' },
  administrative: { title: 'Administrativt notat', loinc: { code: '11506-3', display: 'Progress note' }, resource: 'DocumentReference' },
  amended: { title: 'Skadestuenotat', loinc: { code: '11506-3', display: 'Progress note' }, resource: 'DocumentReference' },
};

export interface PlannedEncounter {
  readonly index: number;
  readonly cls: 'AMB' | 'IMP' | 'EMER';
  readonly psychiatric: boolean;
  readonly start: number;
  readonly end: number;
}

export interface PlannedNote {
  readonly index: number;
  readonly encounter: PlannedEncounter;
  readonly kind: NoteKind;
  readonly time: number;
}

const HOUR = 3_600_000;
const YEAR = 365 * 24 * HOUR;

/** `slots` notes (the amended note counts once) over encounters in the five years before `now`. */
export function planRecord(rnd: Random, slots: number, now: Date, psychiatric: boolean): { encounters: PlannedEncounter[]; notes: PlannedNote[] } {
  const count = Math.max(3, Math.min(400, Math.round(slots / 5)));
  const from = now.getTime() - 5 * YEAR;
  const starts = Array.from({ length: count }, () => from + Math.floor(rnd.next() * (5 * YEAR - 30 * 24 * HOUR))).sort((a, b) => a - b);
  const psychIndex = psychiatric ? rnd.int(1, count - 1) : -1;
  const encounters = starts.map((start, index): PlannedEncounter => {
    const r = rnd.next();
    const cls = index === psychIndex ? 'AMB' : r < 0.5 ? 'AMB' : r < 0.82 ? 'IMP' : 'EMER';
    const hours = cls === 'AMB' ? 1 : cls === 'EMER' ? 6 : 24 * rnd.int(2, 8);
    return { index, cls, psychiatric: index === psychIndex, start, end: start + hours * HOUR };
  });

  const notes: PlannedNote[] = [];
  const perEncounter = encounters.map(() => 0);
  for (let i = 0; i < slots; i++) perEncounter[Math.floor((i * count) / slots)]!++;
  let index = 0;
  for (const encounter of encounters) {
    const k = perEncounter[encounter.index]!;
    for (let j = 0; j < k; j++) {
      const time = encounter.start + Math.floor(((encounter.end - encounter.start) * j) / Math.max(1, k));
      notes.push({ index: index++, encounter, kind: kindOf(rnd, encounter, j, k), time });
    }
  }
  return { encounters, notes };
}

function kindOf(rnd: Random, e: PlannedEncounter, j: number, k: number): NoteKind {
  if (e.psychiatric) return 'psychiatric';
  if (j === 0) return e.cls === 'IMP' ? 'admission' : e.cls === 'EMER' ? 'progress' : 'outpatient';
  if (e.cls === 'IMP' && j === k - 1) return 'epikrise';
  const r = rnd.next();
  if (r < 0.12) return 'administrative';
  if (r < 0.27) return 'imaging';
  if (r < 0.6 && e.cls === 'IMP') return 'nursing';
  return e.cls === 'AMB' ? 'outpatient' : 'progress';
}
