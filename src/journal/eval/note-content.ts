/**
 * @module The Danish prose of one note: headers by note kind, filler from the encounter's own
 * vitals and laboratory values, the medication list valid at the note, and the planted facts,
 * whose spans the NoteWriter returns.
 */
import type { Random } from '../../demo/random.ts';
import { DISTRACTORS, FILLER, type Drug, type FamilyFinding, type PlantedFinding } from './clinical-phrases.ts';
import { HEADERS, NoteWriter, type Header, type NoteSection } from './note-writer.ts';
import type { NoteKind } from './record-plan.ts';
import type { Span } from './record-truth.ts';

/** A fact planted in a note; `section` is where it is written. */
export type PlantedFact =
  | { readonly kind: 'negated' | 'uncertain'; readonly finding: PlantedFinding }
  | { readonly kind: 'family'; readonly finding: FamilyFinding }
  | { readonly kind: 'note-allergy'; readonly substance: string; readonly phrase: string }
  | { readonly kind: 'stop'; readonly drug: Drug }
  | { readonly kind: 'pending'; readonly text: string; readonly before: string; readonly phrase: string; readonly after: string };

export const factSection = (f: PlantedFact): Header =>
  f.kind === 'note-allergy' ? 'CAVE' : f.kind === 'stop' ? 'Plan' : f.kind === 'pending' ? 'Plan' : f.finding.section;

export interface EncounterValues {
  readonly vitals?: { sys: number; dia: number; hr: number; temp: number; spo2: number };
  readonly labs: readonly { label: string; value: number; unit: string }[];
}

export interface NoteContext {
  readonly rnd: Random;
  readonly kind: NoteKind;
  readonly age: number;
  readonly sex: 'kvinde' | 'mand';
  readonly patientName: string;
  readonly reason: string;
  readonly admittedFrom: string;
  readonly admittedTo: string;
  readonly values: EncounterValues;
  /** Drugs on the list at this note (started, not yet stopped). */
  readonly medication: readonly Drug[];
  /** Drugs started in this note. */
  readonly started: readonly Drug[];
  /** What the CAVE section says when no allergy fact is planted there (given to an encounter's first note; empty: no CAVE section). */
  readonly caveLines: readonly string[];
  readonly problem: string;
  readonly facts: readonly PlantedFact[];
  readonly distractor: boolean;
  readonly hadAnticoagulant: boolean;
}

const SECTIONS: Record<Exclude<NoteKind, 'amended'>, readonly Header[]> = {
  admission: ['Anamnese', 'CAVE', 'Objektivt', 'Paraklinik', 'Konklusion', 'Plan', 'Medicin'],
  progress: ['Objektivt', 'Paraklinik', 'Konklusion', 'Plan'],
  outpatient: ['Anamnese', 'Objektivt', 'Konklusion', 'Plan', 'Medicin'],
  epikrise: ['Epikrise', 'Konklusion', 'Plan', 'Medicin'],
  psychiatric: ['Anamnese', 'Objektivt', 'Konklusion', 'Plan'],
  nursing: ['Objektivt', 'Plan'],
  imaging: ['Paraklinik', 'Konklusion'],
  administrative: ['Anamnese', 'Plan'],
};

const IMAGING_LINES = ['UL af abdomen: Normale forhold for lever og galdeveje.', 'Rtg. af knæ: Let degenerative forandringer.', 'CT af cerebrum: Normale forhold.'];
const comma = (v: number) => String(v).replace('.', ',');

/** Writes the note; returns its sections, text and the span of each fact (same order as ctx.facts). */
export function writeNote(ctx: NoteContext): { sections: NoteSection[]; text: string; spans: Span[] } {
  const { rnd, kind } = ctx;
  if (kind === 'amended') throw new Error('amended notes are written by writeAmendedNote');
  const wanted = new Set<Header>([...SECTIONS[kind], ...ctx.facts.map(factSection)]);
  if (ctx.caveLines.length) wanted.add('CAVE');
  else if (!ctx.facts.some((f) => f.kind === 'note-allergy')) wanted.delete('CAVE');
  const w = new NoteWriter();
  const spans = new Map<PlantedFact, Span>();
  const some = (items: readonly string[], min: number, max: number) => {
    const pool = [...items];
    for (let n = rnd.int(min, max); n > 0 && pool.length; n--) w.sentence(pool.splice(rnd.int(0, pool.length - 1), 1)[0]!);
  };
  for (const h of HEADERS) {
    if (!wanted.has(h)) continue;
    w.section(h);
    const facts = ctx.facts.filter((f) => factSection(f) === h);
    switch (h) {
      case 'Epikrise':
        w.sentence(`${ctx.age}-årig ${ctx.sex} indlagt ${ctx.admittedFrom}–${ctx.admittedTo} med ${ctx.reason}.`);
        w.sentence('Forløbet har været ukompliceret, og patienten udskrives til eget hjem.');
        break;
      case 'Anamnese':
        if (kind === 'admission') w.sentence(`${ctx.age}-årig ${ctx.sex} indlagt med ${ctx.reason}.`);
        if (kind === 'outpatient') w.sentence('Ses til ambulant kontrol.');
        if (kind === 'psychiatric') w.sentence('Henvist af egen læge med sænket stemningsleje gennem 3 måneder, søvnbesvær og nedsat appetit.');
        if (kind === 'administrative') w.sentence(`Indkaldelse til kontrol sendt til ${ctx.patientName}.`), some(FILLER.administrative, 0, 1);
        else if (kind !== 'psychiatric') some(FILLER.Anamnese, 1, 2);
        if (kind !== 'psychiatric' && rnd.chance(0.2)) w.line(rnd.pick(FILLER.patientMessage));
        break;
      case 'CAVE':
        if (!facts.some((f) => f.kind === 'note-allergy')) for (const line of ctx.caveLines) w.line(line);
        break;
      case 'Objektivt': {
        const v = ctx.values.vitals;
        if (kind === 'nursing') some(FILLER.nursing, 2, 3);
        else if (kind === 'psychiatric') w.sentence('Vågen, klar og orienteret.');
        else {
          if (v) w.sentence(`BT ${v.sys}/${v.dia} mmHg, puls ${v.hr}, temp. ${comma(v.temp)} °C, SAT ${v.spo2} %.`);
          some(FILLER.Objektivt, 1, 2);
        }
        break;
      }
      case 'Paraklinik':
        if (kind === 'imaging') w.sentence(rnd.pick(IMAGING_LINES));
        else if (ctx.values.labs.length) w.sentence(ctx.values.labs.map((l) => `${l.label} ${comma(l.value)} ${l.unit}`).join(', ') + '.');
        else w.sentence('Blodprøver taget, se laboratorieoversigten.');
        break;
      case 'Konklusion':
        if (kind === 'imaging') w.sentence('Beskrevet af radiolog.');
        else if (kind === 'psychiatric') w.sentence('Depressiv enkeltepisode af moderat grad.');
        else w.sentence(`${ctx.problem}.`), some(FILLER.Konklusion, 0, 1);
        break;
      case 'Plan':
        if (kind === 'nursing') some(['Fortsat observation.', 'Tilses af læge i morgen.', 'Støttestrømper på.'], 1, 1);
        else if (kind === 'administrative') some(FILLER.administrative, 1, 1);
        else some(FILLER.Plan, 1, 2);
        for (const d of ctx.started) w.sentence(`Opstart af ${d.name} ${d.dose}.`);
        break;
      case 'Medicin':
        for (const d of ctx.medication) w.line(`${d.form} ${d.name} ${d.dose}`);
        if (ctx.medication.length === 0) w.line('Se FMK.');
        break;
    }
    for (const f of facts) spans.set(f, writeFact(w, f));
    if (ctx.distractor && h === (kind === 'administrative' ? 'Anamnese' : 'Plan')) {
      const pool = DISTRACTORS.filter((d) => !d.whenNoAnticoagulant || !ctx.hadAnticoagulant).map((d) => d.text);
      some(pool, 1, 2);
    }
  }
  const { sections, text } = w.build();
  return { sections, text, spans: ctx.facts.map((f) => spans.get(f)!) };
}

function writeFact(w: NoteWriter, f: PlantedFact): Span {
  switch (f.kind) {
    case 'negated':
    case 'uncertain':
    case 'family':
      return w.fact(f.finding.before, f.finding.phrase, f.finding.after);
    case 'note-allergy':
      return w.newLine().fact('', f.phrase, '.');
    case 'stop':
      return w.fact('', `${f.drug.name} seponeret pga. ${f.drug.stopReason}`, '.');
    case 'pending':
      return w.fact(f.before, f.phrase, f.after);
  }
}

/** One version of the amended note: the Konklusion says `phrase`. */
export function writeAmendedNote(anamnese: string, phrase: string, plan: string, corrected: boolean): { sections: NoteSection[]; text: string; span: Span } {
  const w = new NoteWriter();
  w.section('Anamnese').sentence(anamnese);
  const span = w.section('Konklusion').fact('', phrase, '.');
  w.section('Plan').sentence(plan);
  if (corrected) w.sentence('Notatet er rettet, da siden var angivet forkert i første version.');
  return { ...w.build(), span };
}
