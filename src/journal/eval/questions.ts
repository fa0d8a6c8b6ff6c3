/**
 * @module The record's questions with gold answers: 'yes' and 'no' with their evidence, and
 * 'not-found' for what the record never says (the answerer must abstain).
 */
import type { Random } from '../../demo/random.ts';
import { NOT_IN_RECORD, PENDING_IN_TEXT, PSYCHIATRIC_NEGATED, type Drug, type FamilyFinding, type PlantedFinding } from './clinical-phrases.ts';
import type { AmendmentTruth, QuestionTruth, RecordTruth } from './record-truth.ts';

export interface QuestionContext {
  readonly rnd: Random;
  readonly truth: Omit<RecordTruth, 'questions'>;
  /** Every anticoagulant the patient had, with its structured resource. */
  readonly anticoagulants: readonly { name: string; resourceRef: string }[];
  readonly neverGiven: Drug;
  readonly activeConditions: readonly { code: string; resourceRef: string }[];
  readonly resolvedConditions: readonly { code: string; display: string; resourceRef: string }[];
  readonly nka: { readonly resourceRefs: string[]; readonly docIds: string[] };
  readonly psychiatric: { readonly docIds: string[]; readonly encounterRef: string } | undefined;
  readonly negatedPlanted: readonly PlantedFinding[];
  readonly uncertainPlanted: readonly PlantedFinding[];
  readonly familyPlanted: readonly FamilyFinding[];
  readonly amendment: { readonly truth: AmendmentTruth; readonly yes: string; readonly no: string };
}

const q = (question: string, answer: QuestionTruth['answer'], evidenceDocIds: string[] = [], evidenceResourceRefs: string[] = []): QuestionTruth => ({
  question,
  answer,
  evidenceDocIds: [...new Set(evidenceDocIds)],
  evidenceResourceRefs: [...new Set(evidenceResourceRefs)],
});

const docsOf = (items: readonly { docId?: string }[]) => items.flatMap((i) => (i.docId ? [i.docId] : []));
const refsOf = (items: readonly { resourceRef?: string }[]) => items.flatMap((i) => (i.resourceRef ? [i.resourceRef] : []));

export function buildQuestions(ctx: QuestionContext): QuestionTruth[] {
  const { truth } = ctx;
  const out: QuestionTruth[] = [];

  // Allergies: 'no' only when the record says "no known allergies" and nothing contradicts it.
  const { allergies } = truth;
  if (allergies.length) out.push(q('Har patienten nogen kendte allergier?', 'yes', docsOf(allergies), refsOf(allergies)));
  else if (truth.noKnownAllergies) out.push(q('Har patienten nogen kendte allergier?', 'no', ctx.nka.docIds, ctx.nka.resourceRefs));
  else out.push(q('Har patienten nogen kendte allergier?', 'not-found'));
  const penicillin = allergies.filter((a) => /penicillin/i.test(a.substance));
  if (penicillin.length) out.push(q('Er patienten allergisk over for penicillin?', 'yes', docsOf(penicillin), refsOf(penicillin)));
  else if (truth.noKnownAllergies && !allergies.length) out.push(q('Er patienten allergisk over for penicillin?', 'no', ctx.nka.docIds, ctx.nka.resourceRefs));
  else out.push(q('Er patienten allergisk over for penicillin?', 'not-found'));

  // Medication: ever vs now, stopped drugs, an active drug, a drug never given.
  const stoppedAk = truth.stoppedMedication.filter((s) => ctx.anticoagulants.some((a) => a.name === s.name));
  const activeAk = truth.activeMedication.filter((m) => ctx.anticoagulants.some((a) => a.name === m.name));
  if (ctx.anticoagulants.length) out.push(q('Har patienten fået blodfortyndende?', 'yes', stoppedAk.map((s) => s.stoppedIn), ctx.anticoagulants.map((a) => a.resourceRef)));
  else out.push(q('Har patienten fået blodfortyndende?', 'not-found'));
  if (activeAk.length) out.push(q('Får patienten aktuelt blodfortyndende medicin?', 'yes', [], refsOf(activeAk)));
  else if (stoppedAk.length) out.push(q('Får patienten aktuelt blodfortyndende medicin?', 'no', stoppedAk.map((s) => s.stoppedIn), refsOf(stoppedAk)));
  else out.push(q('Får patienten aktuelt blodfortyndende medicin?', 'not-found'));
  for (const s of truth.stoppedMedication) out.push(q(`Får patienten aktuelt ${s.name}?`, 'no', [s.stoppedIn], [s.resourceRef]));
  const active = truth.activeMedication.find((m) => !activeAk.includes(m)) ?? truth.activeMedication[0];
  if (active) out.push(q(`Får patienten aktuelt ${active.name}?`, 'yes', [], [active.resourceRef]));
  out.push(q(`Får patienten ${ctx.neverGiven.name}?`, 'not-found'));

  // Problems: structured active, resolved.
  const diabetes = ctx.activeConditions.find((c) => c.code === 'DE119');
  out.push(diabetes ? q('Har patienten diabetes?', 'yes', [], [diabetes.resourceRef]) : q('Har patienten diabetes?', 'not-found'));
  for (const c of ctx.resolvedConditions) out.push(q(`Har patienten aktuelt ${c.display.replace(/ UNS$/, '').toLowerCase()}?`, 'no', [], [c.resourceRef]));

  // Findings in text: negated → no, uncertain → yes (a suspicion was raised), family → yes / the patient: not found.
  for (const f of ctx.negatedPlanted) {
    if (!f.question) continue;
    out.push(q(f.question, 'no', truth.negatedFindings.filter((n) => n.term === f.term).map((n) => n.docId)));
  }
  if (!ctx.negatedPlanted.includes(PSYCHIATRIC_NEGATED) && PSYCHIATRIC_NEGATED.question) out.push(q(PSYCHIATRIC_NEGATED.question, 'not-found'));
  for (const f of ctx.uncertainPlanted) out.push(q(f.question!, 'yes', truth.uncertainFindings.filter((n) => n.term === f.term).map((n) => n.docId)));
  for (const f of ctx.familyPlanted) {
    out.push(q(f.familyQuestion, 'yes', truth.familyFindings.filter((n) => n.term === f.term).map((n) => n.docId)));
    out.push(q(f.selfQuestion, 'not-found'));
  }

  // Pending results in text; the ones not planted must be answered 'not-found'.
  for (const p of PENDING_IN_TEXT) {
    const found = truth.pendingResults.filter((r) => r.text === p.text);
    out.push(found.length ? q(p.question, 'yes', docsOf(found)) : q(p.question, 'not-found'));
  }

  // The amended note: the current version decides.
  const a = ctx.amendment;
  out.push(q(a.yes, 'yes', [a.truth.currentDocId]), q(a.no, 'no', [a.truth.currentDocId]));

  out.push(
    ctx.psychiatric
      ? q('Har patienten været i kontakt med psykiatrien?', 'yes', ctx.psychiatric.docIds, [ctx.psychiatric.encounterRef])
      : q('Har patienten været i kontakt med psykiatrien?', 'not-found'),
  );
  const pool = [...NOT_IN_RECORD];
  for (let n = 0; n < 3; n++) out.push(q(pool.splice(ctx.rnd.int(0, pool.length - 1), 1)[0]!, 'not-found'));
  return out;
}
