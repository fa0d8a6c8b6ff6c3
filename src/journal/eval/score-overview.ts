/**
 * @module Scores an overview ("Overblik") against the gold facts of its evaluation record (issue 6,
 * journal-ai.md §8). Pure. Measures: citation validity (every span citation verifies against the
 * stored text at its version and quote hash, every resource citation names a stored version);
 * recall and precision per section (allergies, active medication name + dose, active problems,
 * pending results), and polarity errors (a negated, family or uncertain finding shown as present;
 * NKA shown as an allergy; a stopped drug shown active).
 */
import type { JournalCitation, JournalOverview, OverviewItem, OverviewSectionId } from '../api-types.ts';
import { verifyCitation } from '../text/index.ts';
import { DRUGS, PSYCHIATRIC_DRUG } from './clinical-phrases.ts';
import type { RecordTruth } from './record-truth.ts';

export interface Ratio {
  hits: number;
  total: number;
}

export interface OverviewScore {
  readonly citations: Ratio;
  readonly allergies: Ratio;
  /** Allergy items shown as present that are allergies of the record. */
  readonly allergyPrecision: Ratio;
  readonly allergyPolarityErrors: number;
  /** A structured NKA beside an allergy in a note, flagged as a conflict. */
  readonly conflicts: Ratio;
  readonly medication: Ratio;
  /** Medication items shown as active that are active drugs of the record. */
  readonly medicationPrecision: Ratio;
  readonly stoppedShownActive: number;
  readonly problems: Ratio;
  /** Present problem items that are on the record's problem list. */
  readonly problemPrecision: Ratio;
  readonly problemPolarityErrors: number;
  readonly pending: Ratio;
  /** Pending items that are results the record still awaits. */
  readonly pendingPrecision: Ratio;
  /** What went wrong, for reading. */
  readonly misses: string[];
}

export interface ScoreOverviewInput {
  readonly overview: JournalOverview;
  readonly truth: RecordTruth;
  /** The stored resource of a Bundle fullUrl. */
  readonly resolveRef: (fullUrl: string) => { type: string; id: string } | undefined;
  /** The stored resource of a note's docId. */
  readonly resolveDoc: (docId: string) => { type: string; id: string } | undefined;
  /** A stored version of a resource: does it exist, and its text (sourceText) when it has one. */
  readonly stored: (type: string, id: string, versionId: string) => { readonly text?: string } | undefined;
}

const lower = (s: string) => s.toLocaleLowerCase('da');
const section = (o: JournalOverview, id: OverviewSectionId) => o.sections.find((s) => s.id === id)?.items ?? [];
const isPresent = (it: OverviewItem) => (it.assertion ?? 'present') === 'present' && !(it.flags ?? []).some((f) => /^Seponeret|^NKA$|Afkræftet/u.test(f));
const cites = (it: OverviewItem, ref: { type: string; id: string } | undefined) => !!ref && it.citations.some((c) => c.resourceType === ref.type && c.id === ref.id);
const quotes = (it: OverviewItem, doc: { type: string; id: string } | undefined) =>
  it.citations.filter((c): c is Extract<JournalCitation, { kind: 'span' }> => c.kind === 'span' && !!doc && c.resourceType === doc.type && c.id === doc.id).map((c) => lower(c.quote));
const ratio = (hits: number, total: number): Ratio => ({ hits, total });
const doseOf = (name: string) => [...DRUGS, PSYCHIATRIC_DRUG].find((d) => d.name === name)?.dose;
const stripUns = (s: string) => s.replace(/\s+UNS$/u, '');

export function scoreOverview(input: ScoreOverviewInput): OverviewScore {
  const { overview, truth, resolveRef, resolveDoc } = input;
  const misses: string[] = [];
  const miss = (what: string) => misses.push(what);

  // Citation validity: every citation of every item.
  const all = overview.sections.flatMap((s) => s.items.map((it) => ({ s: s.id, it })));
  let valid = 0, total = 0;
  for (const { s, it } of all) {
    if (it.citations.length === 0) miss(`${s}: "${it.text}" has no citation`);
    for (const c of it.citations) {
      total++;
      const stored = input.stored(c.resourceType, c.id, c.versionId);
      const ok = c.kind === 'resource'
        ? !!stored
        : !!stored?.text && verifyCitation({ id: c.id, version: Number(c.versionId), text: stored.text }, { docId: c.id, version: Number(c.versionId), contentHash: c.contentHash as `sha256:${string}`, start: c.start, end: c.end, unit: c.unit, quoteHash: c.quoteHash as `sha256:${string}` }) === 'valid'
          && Array.from(stored.text).slice(c.start, c.end).join('') === c.quote;
      if (ok) valid++;
      else miss(`${s}: citation ${c.kind} ${c.resourceType}/${c.id}/_history/${c.versionId} does not verify`);
    }
  }

  // Allergies.
  const allergyItems = section(overview, 'allergies');
  const presentAllergies = allergyItems.filter(isPresent);
  let allergyHits = 0;
  for (const a of truth.allergies) {
    const found = presentAllergies.some((it) => (a.resourceRef && cites(it, resolveRef(a.resourceRef))) || lower(it.text).includes(lower(a.substance)));
    if (found) allergyHits++;
    else miss(`allergy ${a.substance} (${a.source}) not shown as present`);
  }
  let allergyPolarityErrors = 0;
  for (const it of presentAllergies) {
    if (!truth.allergies.some((a) => lower(it.text).includes(lower(a.substance)) || (a.resourceRef && cites(it, resolveRef(a.resourceRef))))) {
      allergyPolarityErrors++;
      miss(`allergy item "${it.text}" shown as present, not an allergy of the record`);
    }
  }
  if (truth.noKnownAllergies && truth.allergies.length === 0 && !allergyItems.some((it) => it.flags?.includes('NKA'))) {
    allergyPolarityErrors++;
    miss('no known allergies (NKA) not shown');
  }
  let conflictHits = 0;
  for (const c of truth.conflicts) {
    const nka = allergyItems.find((it) => cites(it, resolveRef(c.resourceRef)));
    if (nka?.flags?.some((f) => f.startsWith('Konflikt'))) conflictHits++;
    else miss(`conflict NKA vs "${c.note.phrase}" not flagged`);
  }

  // Medication.
  const medItems = section(overview, 'medication');
  const activeMeds = medItems.filter(isPresent);
  let medHits = 0;
  for (const m of truth.activeMedication) {
    const dose = doseOf(m.name);
    const found = activeMeds.some((it) => lower(it.text).includes(lower(m.name)) && (!dose || lower(it.text).includes(lower(dose))) && cites(it, resolveRef(m.resourceRef)));
    if (found) medHits++;
    else miss(`active drug ${m.name} ${dose ?? ''} not shown active with its dose`);
  }
  const isActiveDrug = (it: OverviewItem) => truth.activeMedication.some((m) => cites(it, resolveRef(m.resourceRef)) || lower(it.text).includes(lower(m.name)));
  for (const it of activeMeds) if (!isActiveDrug(it)) miss(`medication item "${it.text}" shown active, not an active drug of the record`);
  let stoppedShownActive = 0;
  for (const s of truth.stoppedMedication) {
    if (activeMeds.some((it) => cites(it, resolveRef(s.resourceRef)) || lower(it.text).includes(lower(s.name)))) {
      stoppedShownActive++;
      miss(`stopped drug ${s.name} (structured ${s.structuredStatus}) shown active`);
    }
  }

  // Problems.
  const problemItems = section(overview, 'problems');
  const presentProblems = problemItems.filter(isPresent);
  let problemHits = 0;
  for (const p of truth.activeProblems) {
    if (presentProblems.some((it) => (p.resourceRef && cites(it, resolveRef(p.resourceRef))) || lower(it.text).includes(lower(stripUns(p.text))))) problemHits++;
    else miss(`active problem ${p.text} not shown`);
  }
  const onList = (it: OverviewItem) => truth.activeProblems.some((p) => (p.resourceRef && cites(it, resolveRef(p.resourceRef))) || lower(it.text).includes(lower(stripUns(p.text))));
  const precise = presentProblems.filter(onList).length;
  for (const it of presentProblems) if (!onList(it)) miss(`problem item "${it.text}" is not an active problem of the record`);
  let problemPolarityErrors = 0;
  for (const f of [...truth.negatedFindings, ...truth.familyFindings, ...truth.uncertainFindings]) {
    const doc = resolveDoc(f.docId);
    const wrong = presentProblems.find((it) => quotes(it, doc).some((q) => q.includes(lower(f.phrase))));
    if (wrong) {
      problemPolarityErrors++;
      miss(`"${f.phrase}" shown as a present problem`);
    }
  }

  // Pending results.
  const pendingItems = section(overview, 'pendingResults');
  let pendingHits = 0;
  for (const p of truth.pendingResults) {
    const found = p.resourceRef
      ? pendingItems.some((it) => cites(it, resolveRef(p.resourceRef!)))
      : pendingItems.some((it) => quotes(it, p.docId ? resolveDoc(p.docId) : undefined).some((q) => q.includes(lower(p.phrase ?? p.text))));
    if (found) pendingHits++;
    else miss(`pending result ${p.text} not shown`);
  }
  const isPending = (it: OverviewItem) => truth.pendingResults.some((p) => p.resourceRef
    ? cites(it, resolveRef(p.resourceRef))
    : quotes(it, p.docId ? resolveDoc(p.docId) : undefined).some((q) => q.includes(lower(p.phrase ?? p.text))));
  for (const it of pendingItems) if (!isPending(it)) miss(`pending item "${it.text}" is not a result the record awaits`);

  return {
    citations: ratio(valid, total),
    allergies: ratio(allergyHits, truth.allergies.length),
    allergyPrecision: ratio(presentAllergies.length - presentAllergies.filter((it) => !truth.allergies.some((a) => lower(it.text).includes(lower(a.substance)) || (a.resourceRef && cites(it, resolveRef(a.resourceRef))))).length, presentAllergies.length),
    allergyPolarityErrors,
    conflicts: ratio(conflictHits, truth.conflicts.length),
    medication: ratio(medHits, truth.activeMedication.length),
    medicationPrecision: ratio(activeMeds.filter(isActiveDrug).length, activeMeds.length),
    stoppedShownActive,
    problems: ratio(problemHits, truth.activeProblems.length),
    problemPrecision: ratio(precise, presentProblems.length),
    problemPolarityErrors,
    pending: ratio(pendingHits, truth.pendingResults.length),
    pendingPrecision: ratio(pendingItems.filter(isPending).length, pendingItems.length),
    misses,
  };
}

/** Sums the scores of several records. */
export function sumOverviewScores(scores: readonly OverviewScore[]): OverviewScore {
  const add = (k: 'citations' | 'allergies' | 'allergyPrecision' | 'conflicts' | 'medication' | 'medicationPrecision' | 'problems' | 'problemPrecision' | 'pending' | 'pendingPrecision') =>
    scores.reduce((r, s) => ratio(r.hits + s[k].hits, r.total + s[k].total), ratio(0, 0));
  const count = (k: 'allergyPolarityErrors' | 'stoppedShownActive' | 'problemPolarityErrors') => scores.reduce((n, s) => n + s[k], 0);
  return {
    citations: add('citations'), allergies: add('allergies'), allergyPrecision: add('allergyPrecision'), allergyPolarityErrors: count('allergyPolarityErrors'), conflicts: add('conflicts'),
    medication: add('medication'), medicationPrecision: add('medicationPrecision'), stoppedShownActive: count('stoppedShownActive'), problems: add('problems'), problemPrecision: add('problemPrecision'),
    problemPolarityErrors: count('problemPolarityErrors'), pending: add('pending'), pendingPrecision: add('pendingPrecision'), misses: scores.flatMap((s) => s.misses),
  };
}
