/**
 * @module `generateEvalRecord`: one synthetic Danish patient record in which every fact is known
 * (issue 6; journal-ai.md §8). A transaction Bundle (POSTs, urn:uuid fullUrls, the demo tag) with
 * a Patient, encounters over five years, structured allergies, medication, problems, observations
 * and pending orders, and `documents` notes as text (Compositions and DocumentReferences with
 * text/plain); plus the RecordTruth: planted facts with code-point spans, and questions with gold
 * answers. Pure and deterministic for a seed; reuses the demo's generator, names, CPR and builders.
 */
import type { Bundle } from '@medplum/fhirtypes';
import { demoAllergy } from '../../demo/allergy.ts';
import { BundleBuilder } from '../../demo/bundle-builder.ts';
import { ALLERGENS, DIAGNOSES, LAB_TESTS, VITALS, type Diagnosis } from '../../demo/catalog.ts';
import { demoCondition } from '../../demo/condition.ts';
import { demoEncounter } from '../../demo/encounter.ts';
import { bloodPressure, labResult, vitalSign } from '../../demo/observation.ts';
import { demoOrganization, demoPractitioners } from '../../demo/organization.ts';
import { demoPatient } from '../../demo/patient.ts';
import { createRandom, type Random } from '../../demo/random.ts';
import { pendingServiceRequest } from '../../demo/service-request.ts';
import { DEMO_UNITS, demoUnit, demoUnitQuery, type DemoUnitCode } from '../../demo/units.ts';
import { AMENDMENTS, DRUGS, FAMILY, NEGATED, NOTE_ALLERGIES, PENDING_IN_TEXT, PSYCHIATRIC_DRUG, PSYCHIATRIC_NEGATED, UNCERTAIN, type Drug, type FamilyFinding, type PlantedFinding } from './clinical-phrases.ts';
import { writeAmendedNote, writeNote, type EncounterValues, type PlantedFact } from './note-content.ts';
import { noteComposition, noteDocumentReference, type NoteInput } from './note-text.ts';
import { buildQuestions } from './questions.ts';
import { NOTE_KINDS, planRecord, type NoteKind } from './record-plan.ts';
import type { AllergyTruth, ConflictTruth, DocumentTruth, FamilyFindingTruth, FindingTruth, PendingResultTruth, RecordTruth, StoppedMedicationTruth } from './record-truth.ts';
import { medicationRequest, medicationStatement, noKnownAllergies } from './structured.ts';

export interface EvalRecordOptions {
  readonly seed: number;
  /** Notes in the record, both versions of the amended note included (default 40, at least 12). */
  readonly documents?: number;
  /** The instant the record is relative to (default 2025-01-15T08:00:00Z). */
  readonly now?: Date;
}

export interface EvalRecord {
  readonly bundle: Bundle;
  readonly truth: RecordTruth;
}

type AllergyScenario = 'structured' | 'nka' | 'nka-conflict' | 'note-only' | 'note-nka';

interface PlannedDrug {
  readonly drug: Drug;
  startIndex: number;
  stopIndex?: number;
  structuredStopped: boolean;
  ref: string;
}

const DEFAULT_NOW = new Date('2025-01-15T08:00:00Z');
const YEAR = 365.25 * 24 * 3_600_000;
const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
const danishDate = (ms: number) => {
  const d = new Date(ms);
  return `${String(d.getUTCDate()).padStart(2, '0')}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${d.getUTCFullYear()}`;
};
/** Drugs a diagnosis brings; an anticoagulant for atrial fibrillation is drawn separately. */
const DRUG_FOR: Record<string, string> = { DE119: 'Metformin', DE039: 'Levaxin', DJ449: 'Spiriva', DJ459: 'Spiriva', DI109: 'Amlodipin', DN189: 'Furix', DM179: 'Panodil' };
const CONDITION_BOUND = new Set(['Metformin', 'Levaxin', 'Spiriva']);
/** Never on the problem list: they are planted as negated or uncertain findings, or are the resolved or psychiatric ones. */
const NOT_ON_PROBLEM_LIST = new Set(['DJ189', 'DI509', 'DF329', 'DN390', 'DI489']);
const RESOLVED: Diagnosis = DIAGNOSES.find((d) => d.code === 'DN390')!;
const ATRIAL_FIBRILLATION: Diagnosis = DIAGNOSES.find((d) => d.code === 'DI489')!;
const DEPRESSION: Diagnosis = DIAGNOSES.find((d) => d.code === 'DF329')!;
const LAB_LABEL: Record<string, string> = { NPU02319: 'Hb', NPU19748: 'CRP', NPU18016: 'Kreatinin', NPU03429: 'Natrium', NPU03230: 'Kalium' };
const REASONS = ['åndenød', 'mavesmerter', 'svimmelhed', 'almen svækkelse', 'hjertebanken'];
const CLINICAL: readonly NoteKind[] = ['admission', 'progress', 'outpatient', 'epikrise', 'imaging'];

function take<T>(rnd: Random, items: readonly T[], n: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length) out.push(pool.splice(rnd.int(0, pool.length - 1), 1)[0]!);
  return out;
}

export function generateEvalRecord(options: EvalRecordOptions): EvalRecord {
  const documents = options.documents ?? 40;
  if (!Number.isInteger(documents) || documents < 12) throw new Error(`generateEvalRecord: documents must be an integer ≥ 12, not ${documents}`);
  const rnd = createRandom(options.seed);
  const now = options.now ?? DEFAULT_NOW;
  const b = new BundleBuilder(rnd);

  // The hospital, its units and clinicians (conditional creates, as in the demo population).
  const organization = demoOrganization();
  const orgRef = b.add(organization, `identifier=${organization.identifier![0]!.system}|${organization.identifier![0]!.value}`);
  const units = new Map(DEMO_UNITS.map((u) => [u.code, b.add(demoUnit(u, orgRef), demoUnitQuery(u.code))] as const));
  const unitRef = (code: DemoUnitCode) => units.get(code)!;
  const staff = demoPractitioners().map((p) => b.add(p, `identifier=${p.identifier![0]!.system}|${p.identifier![0]!.value}`));
  const doctors = staff.slice(0, 3);
  const nurses = staff.slice(3);

  const patient = demoPatient(rnd, orgRef);
  const patientRef = b.add(patient);
  const patientName = `${patient.name![0]!.given!.join(' ')} ${patient.name![0]!.family}`;
  const birth = Date.parse(`${patient.birthDate}T00:00:00Z`);

  // The scenario.
  const psychiatric = rnd.chance(0.35);
  const r = rnd.next();
  const allergyScenario: AllergyScenario = r < 0.35 ? 'structured' : r < 0.6 ? 'nka' : r < 0.75 ? 'nka-conflict' : r < 0.9 ? 'note-only' : 'note-nka';
  const problems: Diagnosis[] = take<Diagnosis>(rnd, DIAGNOSES.filter((d) => !NOT_ON_PROBLEM_LIST.has(d.code)), rnd.int(2, 3));
  if (rnd.chance(0.6)) problems.push(ATRIAL_FIBRILLATION);

  const plan = planRecord(rnd, documents - 1, now, psychiatric);
  const notes = plan.notes;
  const kinds: NoteKind[] = notes.map((n) => n.kind);
  const amendable = notes.filter((n) => n.index > 0 && !n.encounter.psychiatric && (n.kind === 'progress' || n.kind === 'imaging' || n.kind === 'outpatient' || n.kind === 'nursing'));
  const amendedAt = (amendable.length ? rnd.pick(amendable) : notes.find((n) => !n.encounter.psychiatric && n.index > 0)!).index;
  kinds[amendedAt] = 'amended';
  const clinical = notes.filter((n) => CLINICAL.includes(kinds[n.index]!)).map((n) => n.index);
  const psychNotes = notes.filter((n) => n.encounter.psychiatric).map((n) => n.index);

  const facts = new Map<number, PlantedFact[]>();
  const pickNote = (from: number, to: number): number => {
    const lo = Math.floor(from * notes.length);
    const hi = Math.ceil(to * notes.length);
    const inRange = clinical.filter((i) => i >= lo && i < hi);
    if (inRange.length) return rnd.pick(inRange);
    if (clinical.length) return rnd.pick(clinical);
    return rnd.pick(notes.filter((n) => kinds[n.index] !== 'amended' && !n.encounter.psychiatric)).index;
  };
  const plant = (index: number, fact: PlantedFact) => facts.set(index, [...(facts.get(index) ?? []), fact]);

  // Medication: drugs of the problems, an anticoagulant for atrial fibrillation, some general ones; some stopped later.
  const drugByName = (name: string) => DRUGS.find((d) => d.name === name)!;
  const names = new Set(problems.flatMap((p) => (DRUG_FOR[p.code] ? [DRUG_FOR[p.code]!] : [])));
  for (const d of take(rnd, DRUGS.filter((d) => !d.anticoagulant && !CONDITION_BOUND.has(d.name)), rnd.int(1, 2))) names.add(d.name);
  const planned: PlannedDrug[] = [...names].map((n) => ({ drug: drugByName(n), startIndex: 0, structuredStopped: false, ref: '' }));
  const anticoagulants = DRUGS.filter((d) => d.anticoagulant);
  if (problems.includes(ATRIAL_FIBRILLATION)) {
    const ak: PlannedDrug = { drug: rnd.pick(anticoagulants), startIndex: 0, structuredStopped: false, ref: '' };
    planned.push(ak);
    if (rnd.chance(0.5)) {
      ak.stopIndex = pickNote(0.4, 1);
      if (rnd.chance(0.5)) planned.push({ drug: rnd.pick(anticoagulants.filter((d) => d !== ak.drug)), startIndex: ak.stopIndex, structuredStopped: false, ref: '' });
    }
  }
  const stoppable = planned.filter((p) => !p.drug.anticoagulant);
  if (stoppable.length > 1 && rnd.chance(0.7)) rnd.pick(stoppable).stopIndex = pickNote(0.4, 1);
  if (psychiatric) planned.push({ drug: PSYCHIATRIC_DRUG, startIndex: psychNotes[0]!, structuredStopped: false, ref: '' });
  for (const p of planned) {
    p.structuredStopped = p.stopIndex !== undefined && rnd.chance(0.5);
    if (p.stopIndex !== undefined) plant(p.stopIndex, { kind: 'stop', drug: p.drug });
  }
  const hadAnticoagulant = planned.some((p) => p.drug.anticoagulant);

  // Allergies.
  const structuredAllergens = allergyScenario === 'structured' ? take(rnd, ALLERGENS, rnd.int(1, 2)) : [];
  const noteAllergy =
    allergyScenario === 'nka-conflict' || allergyScenario === 'note-only' || (allergyScenario === 'structured' && rnd.chance(0.7))
      ? rnd.pick(NOTE_ALLERGIES.filter((a) => a.substance !== 'penicillin' || !structuredAllergens.some((s) => s.code === 'J01CE02')))
      : undefined;
  if (noteAllergy) plant(pickNote(allergyScenario === 'nka-conflict' ? 0.3 : 0, 1), { kind: 'note-allergy', substance: noteAllergy.substance, phrase: noteAllergy.phrase });
  const noKnown = allergyScenario === 'nka' || allergyScenario === 'nka-conflict' || allergyScenario === 'note-nka';
  const caveLines = noKnown ? ['Ingen kendte allergier.'] : structuredAllergens.map((a) => `CAVE ${a.display.toLowerCase()} (${a.reaction.toLowerCase()}).`);

  // Findings in text.
  const negatedPlanted = take(rnd, NEGATED, rnd.int(2, 4));
  const uncertainPlanted = take(rnd, UNCERTAIN, rnd.int(1, 2));
  const familyPlanted = take(rnd, FAMILY.filter((f) => !negatedPlanted.some((n) => n.term === f.term)), rnd.int(1, 2));
  for (const f of negatedPlanted) plant(pickNote(0, 1), { kind: 'negated', finding: f });
  for (const f of uncertainPlanted) plant(pickNote(0, 1), { kind: 'uncertain', finding: f });
  for (const f of familyPlanted) plant(pickNote(0, 1), { kind: 'family', finding: f });
  if (psychiatric) {
    plant(psychNotes[0]!, { kind: 'negated', finding: PSYCHIATRIC_NEGATED });
    negatedPlanted.push(PSYCHIATRIC_NEGATED);
  }
  for (const p of take(rnd, PENDING_IN_TEXT, rnd.int(1, 2))) plant(pickNote(0.85, 1), { kind: 'pending', text: p.text, before: p.before, phrase: p.phrase, after: p.after });

  // Distractor notes: nursing or administrative notes without a fact (another note when there is none).
  const free = notes.filter((n) => !facts.has(n.index) && kinds[n.index] !== 'amended' && !n.encounter.psychiatric);
  const preferred = free.filter((n) => kinds[n.index] === 'nursing' || kinds[n.index] === 'administrative');
  const distractors = new Set(take(rnd, preferred.length ? preferred : free, Math.max(1, Math.round(notes.length * 0.06))).map((n) => n.index));

  // Encounters and their observations.
  const encounterRefs: string[] = [];
  const values: EncounterValues[] = [];
  for (const e of plan.encounters) {
    const unit: DemoUnitCode = e.psychiatric ? 'PSY' : e.cls === 'EMER' ? 'AKM' : e.cls === 'AMB' ? 'MED1' : rnd.pick(['MED1', 'MED2', 'KIR'] as const);
    const ref = b.add(
      demoEncounter({ cls: e.cls, patientRef, organizationRef: unitRef(unit), organizationName: DEMO_UNITS.find((u) => u.code === unit)!.name, practitionerRef: rnd.pick(doctors), start: iso(e.start), end: iso(e.end) }),
    );
    encounterRefs.push(ref);
    if (e.psychiatric) {
      values.push({ labs: [] });
      continue;
    }
    const ctx = { patientRef, encounterRef: ref, practitionerRef: rnd.pick(nurses), effective: iso(e.start + 1_800_000) };
    let vitals: EncounterValues['vitals'];
    if (e.cls !== 'AMB') {
      const value = (o: { valueQuantity?: { value?: number } }) => o.valueQuantity!.value!;
      const obs = [VITALS.heartRate, VITALS.temperature, VITALS.spo2].map((v) => vitalSign(rnd, v, ctx));
      const bp = bloodPressure(rnd, ctx);
      for (const o of [...obs, bp]) b.add(o);
      vitals = { hr: value(obs[0]!), temp: value(obs[1]!), spo2: value(obs[2]!), sys: bp.component![0]!.valueQuantity!.value!, dia: bp.component![1]!.valueQuantity!.value! };
    }
    const labs = take(rnd, LAB_TESTS, e.cls === 'AMB' ? rnd.int(1, 2) : rnd.int(2, 3)).map((t) => {
      const o = labResult(rnd, t, ctx);
      b.add(o);
      return { label: LAB_LABEL[t.code] ?? t.code, value: o.valueQuantity!.value!, unit: t.unit };
    });
    values.push({ ...(vitals ? { vitals } : {}), labs });
  }

  // Problems (active on the problem list), a resolved infection, the psychiatric diagnosis.
  const firstStart = iso(plan.encounters[0]!.start);
  const activeConditions = problems.map((d): { code: string; display: string; resourceRef: string } => ({
    code: d.code,
    display: d.display,
    resourceRef: b.add(demoCondition({ diagnosis: d, kind: 'problem-list-item', patientRef, practitionerRef: doctors[0]!, onset: firstStart, recorded: firstStart })),
  }));
  const somatic = plan.encounters.filter((e) => !e.psychiatric);
  const uti = rnd.pick(somatic);
  const resolvedConditions = [
    {
      code: RESOLVED.code,
      display: RESOLVED.display,
      resourceRef: b.add(demoCondition({ diagnosis: RESOLVED, kind: 'encounter-diagnosis', patientRef, encounterRef: encounterRefs[uti.index]!, practitionerRef: doctors[1]!, onset: iso(uti.start), recorded: iso(uti.end), resolved: true })),
    },
  ];
  const psychEncounter = plan.encounters.find((e) => e.psychiatric);
  if (psychEncounter) {
    const ref = b.add(demoCondition({ diagnosis: DEPRESSION, kind: 'encounter-diagnosis', patientRef, encounterRef: encounterRefs[psychEncounter.index]!, practitionerRef: doctors[2]!, onset: iso(psychEncounter.start), recorded: iso(psychEncounter.start) }));
    activeConditions.push({ code: DEPRESSION.code, display: DEPRESSION.display, resourceRef: ref });
  }

  // Structured allergies.
  const allergies: AllergyTruth[] = structuredAllergens.map((a) => ({ substance: a.display, source: 'structured', resourceRef: b.add(demoAllergy(a, patientRef, doctors[0]!, firstStart)) }));
  const nkaRefs = allergyScenario === 'nka' || allergyScenario === 'nka-conflict' ? [b.add(noKnownAllergies(patientRef, doctors[0]!, firstStart))] : [];

  // Structured medication (FMK-like statements and orders); a stopped drug's structured status may lag behind the note.
  for (const p of planned) {
    const input = {
      drug: p.drug,
      patientRef,
      practitionerRef: rnd.pick(doctors),
      start: iso(notes[p.startIndex]!.time),
      ...(p.structuredStopped ? { end: iso(notes[p.stopIndex!]!.time) } : {}),
    };
    p.ref = b.add(rnd.chance(0.6) ? medicationStatement(input) : medicationRequest(input));
  }

  // Pending orders without a result.
  const last = somatic.at(-1)!;
  const pendingResults: PendingResultTruth[] = take(rnd, ['Ultralyd af abdomen', 'Røntgen af hofte', ...LAB_TESTS.map((t) => t.code)], rnd.int(1, 2)).map((what) => {
    const test = LAB_TESTS.find((t) => t.code === what);
    const sr = pendingServiceRequest({
      kind: test ? 'laboratory' : 'imaging',
      text: test ? test.display : what,
      ...(test ? { code: { system: 'urn:oid:1.2.208.176.2.1', code: test.code } } : {}),
      patientRef,
      encounterRef: encounterRefs[last.index]!,
      requesterRef: rnd.pick(doctors),
      authoredOn: iso(last.end),
    });
    return { text: sr.code!.text!, resourceRef: b.add(sr) };
  });

  // The notes.
  const docs: DocumentTruth[] = [];
  const negatedFindings: FindingTruth[] = [];
  const uncertainFindings: FindingTruth[] = [];
  const familyFindings: FamilyFindingTruth[] = [];
  const stoppedMedication: StoppedMedicationTruth[] = [];
  const conflicts: ConflictTruth[] = [];
  const nkaDocIds: string[] = [];
  const psychDocIds: string[] = [];
  const amendment = rnd.pick(AMENDMENTS);
  let amendmentTruth: RecordTruth['amendments'][number] | undefined;
  let counter = 0;
  const nextDocId = () => `s${options.seed}-note-${String(++counter).padStart(4, '0')}`;
  const female = patient.gender === 'female';

  for (const note of notes) {
    const kind = kinds[note.index]!;
    const encounterRef = encounterRefs[note.encounter.index]!;
    const author = kind === 'nursing' ? rnd.pick(nurses) : rnd.pick(doctors);
    if (kind === 'amended') {
      const [oldId, newId] = [nextDocId(), nextDocId()];
      const base = { title: amendment.title, loinc: NOTE_KINDS.amended.loinc, patientRef, encounterRef, authorRef: author };
      const v1 = writeAmendedNote(amendment.anamnese, amendment.before, amendment.plan, false);
      const oldNote: NoteInput = { ...base, docId: oldId, date: iso(note.time), ...v1 };
      const oldRef = b.add(noteDocumentReference(oldNote, { status: 'superseded' }));
      const v2 = writeAmendedNote(amendment.anamnese, amendment.after, amendment.plan, true);
      const newNote: NoteInput = { ...base, docId: newId, date: iso(note.time + 2 * 3_600_000), ...v2 };
      const newRef = b.add(noteDocumentReference(newNote, { status: 'current', replaces: { reference: oldRef } }));
      docs.push(docTruth(oldNote, oldRef, 'DocumentReference', 'superseded', false), docTruth(newNote, newRef, 'DocumentReference', 'current', false));
      amendmentTruth = {
        supersededDocId: oldId,
        currentDocId: newId,
        superseded: { docId: oldId, span: v1.span, phrase: amendment.before },
        current: { docId: newId, span: v2.span, phrase: amendment.after },
      };
      continue;
    }
    const docId = nextDocId();
    const noteFacts = facts.get(note.index) ?? [];
    const e = note.encounter;
    const firstOfEncounter = note.index === 0 || notes[note.index - 1]!.encounter !== e;
    const written = writeNote({
      rnd,
      kind,
      age: Math.floor((note.time - birth) / YEAR),
      sex: female ? 'kvinde' : 'mand',
      patientName,
      reason: rnd.pick(REASONS),
      admittedFrom: danishDate(e.start),
      admittedTo: danishDate(e.end),
      values: values[e.index]!,
      medication: planned.filter((p) => p.startIndex <= note.index && (p.stopIndex === undefined || note.index < p.stopIndex)).map((p) => p.drug),
      started: planned.filter((p) => p.startIndex === note.index && note.index > 0).map((p) => p.drug),
      caveLines: firstOfEncounter && !e.psychiatric ? caveLines : [],
      problem: rnd.pick(problems).display,
      facts: noteFacts,
      distractor: distractors.has(note.index),
      hadAnticoagulant,
    });
    const spec = NOTE_KINDS[kind];
    const input: NoteInput = { docId, title: spec.title, loinc: spec.loinc, date: iso(note.time), patientRef, encounterRef, authorRef: author, sections: written.sections, text: written.text };
    const fullUrl = b.add(spec.resource === 'Composition' ? noteComposition(input) : noteDocumentReference(input));
    docs.push(docTruth(input, fullUrl, spec.resource, 'current', distractors.has(note.index)));
    if (firstOfEncounter && !e.psychiatric && noKnown && !noteFacts.some((f) => f.kind === 'note-allergy')) nkaDocIds.push(docId);
    if (e.psychiatric) psychDocIds.push(docId);

    noteFacts.forEach((f, i) => {
      const span = written.spans[i]!;
      switch (f.kind) {
        case 'negated':
          negatedFindings.push({ term: f.finding.term, docId, span, phrase: f.finding.phrase });
          break;
        case 'uncertain':
          uncertainFindings.push({ term: f.finding.term, docId, span, phrase: f.finding.phrase });
          break;
        case 'family':
          familyFindings.push({ term: f.finding.term, relative: f.finding.relative, docId, span, phrase: f.finding.phrase });
          break;
        case 'note-allergy':
          allergies.push({ substance: f.substance, source: 'note', docId, span, phrase: f.phrase });
          if (nkaRefs[0]) conflicts.push({ kind: 'nka-vs-note-allergy', resourceRef: nkaRefs[0], note: { docId, span, phrase: f.phrase } });
          break;
        case 'stop': {
          const p = planned.find((d) => d.drug === f.drug)!;
          stoppedMedication.push({
            name: f.drug.name,
            atc: f.drug.atc,
            stoppedIn: docId,
            span,
            phrase: `${f.drug.name} seponeret pga. ${f.drug.stopReason}`,
            reason: f.drug.stopReason,
            resourceRef: p.ref,
            structuredStatus: p.structuredStopped ? 'stopped' : 'active',
          });
          break;
        }
        case 'pending':
          pendingResults.push({ text: f.text, docId, span, phrase: f.phrase });
          break;
      }
    });
  }

  const truthWithoutQuestions: Omit<RecordTruth, 'questions'> = {
    patient: { fullUrl: patientRef, name: patientName, cpr: patient.identifier![0]!.value! },
    documents: docs,
    allergies,
    noKnownAllergies: noKnown,
    activeMedication: planned.filter((p) => p.stopIndex === undefined).map((p) => ({ name: p.drug.name, atc: p.drug.atc, resourceRef: p.ref })),
    stoppedMedication,
    activeProblems: activeConditions.map((c) => ({ text: c.display, code: c.code, resourceRef: c.resourceRef })),
    negatedFindings,
    uncertainFindings,
    familyFindings,
    pendingResults,
    amendments: [amendmentTruth!],
    conflicts,
  };
  const usedNames = new Set(planned.map((p) => p.drug.name));
  const questions = buildQuestions({
    rnd,
    truth: truthWithoutQuestions,
    anticoagulants: planned.filter((p) => p.drug.anticoagulant).map((p) => ({ name: p.drug.name, resourceRef: p.ref })),
    // Marevan appears in a distractor (the spouse's drug), so it is never the "never given" drug.
    neverGiven: rnd.pick(DRUGS.filter((d) => !usedNames.has(d.name) && d.name !== 'Marevan')),
    activeConditions,
    resolvedConditions,
    nka: { resourceRefs: nkaRefs, docIds: nkaDocIds },
    psychiatric: psychEncounter ? { docIds: psychDocIds, encounterRef: encounterRefs[psychEncounter.index]! } : undefined,
    negatedPlanted: negatedPlanted as PlantedFinding[],
    uncertainPlanted,
    familyPlanted: familyPlanted as FamilyFinding[],
    amendment: { truth: amendmentTruth!, yes: amendment.yes, no: amendment.no },
  });

  return {
    bundle: { resourceType: 'Bundle', type: 'transaction', entry: b.entries },
    truth: { ...truthWithoutQuestions, questions },
  };
}

function docTruth(note: NoteInput, fullUrl: string, resourceType: DocumentTruth['resourceType'], status: DocumentTruth['status'], distractor: boolean): DocumentTruth {
  return { docId: note.docId, fullUrl, resourceType, title: note.title, date: note.date, status, distractor };
}
