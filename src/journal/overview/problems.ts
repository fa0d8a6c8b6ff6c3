/**
 * "Aktive problemer" (journal-ai.md §4): active Conditions (refuted and entered-in-error left out,
 * unconfirmed ones labelled uncertain), then diagnosis words in Konklusion and Diagnose passages of
 * the last RECENT_DAYS' notes read with ConText: negated, historical, family and hypothetical
 * mentions are dropped, "mistanke om" is kept labelled uncertain, a mention of a listed problem adds
 * its passage as a source, and each concept is shown once.
 */
import type { Condition } from '@medplum/fhirtypes';
import type { OverviewItem } from '../api-types.ts';
import { findingsIn, type LexiconEntry } from '../text/index.ts';
import { resourceCitation, spanCitation } from './cite.ts';
import { latest, millis, newestFirst } from './dates.ts';
import { capitalise, codeOf, conceptText } from './fhir-text.ts';
import type { OverviewInput } from './overview-input.ts';
import { PROBLEM_TERMS } from './problem-terms.ts';

/** Text findings count as current for this many days. */
export const RECENT_DAYS = 30;
const ACTIVE = new Set(['active', 'recurrence', 'relapse']);
const UNCERTAIN = new Set(['unconfirmed', 'provisional', 'differential']);
const DIAGNOSIS_SECTIONS = new Set(['Konklusion', 'Diagnoser', 'Vurdering']);

const isActive = (c: Condition) => {
  const clinical = codeOf(c.clinicalStatus);
  const verification = codeOf(c.verificationStatus);
  return (clinical === undefined || ACTIVE.has(clinical)) && verification !== 'refuted' && verification !== 'entered-in-error' && !c.abatementDateTime;
};

/** A condition's display without the classification's "UNS" (not otherwise specified). */
const problemText = (c: Condition) => (conceptText(c.code) ?? 'Ukendt problem').replace(/\s+UNS$/u, '');

export function buildProblems(input: OverviewInput): OverviewItem[] {
  const items: OverviewItem[] = [];
  const conceptOfItem = new Map<string, number>();
  const seen = new Map<string, number>();
  for (const c of newestFirst(input.conditions.filter(isActive), (x) => x.recordedDate ?? x.onsetDateTime)) {
    const k = codeOf(c.code) ?? problemText(c).toLocaleLowerCase('da');
    const at = seen.get(k);
    if (at !== undefined) {
      items[at] = { ...items[at]!, citations: [...items[at]!.citations, resourceCitation(c)] };
      continue;
    }
    const date = latest(c.recordedDate, c.onsetDateTime);
    seen.set(k, items.length);
    conceptOfItem.set(`condition:${k}`, items.length);
    items.push({ text: problemText(c), ...(date ? { date } : {}), origin: 'structured', citations: [resourceCitation(c)], ...(UNCERTAIN.has(codeOf(c.verificationStatus) ?? '') ? { assertion: 'uncertain' as const } : {}) });
  }
  // The listed problems are words to look for too, so a note naming one is tied to it.
  const lexicon: LexiconEntry[] = [
    ...[...seen].map(([k, i]) => ({ concept: `condition:${k}`, terms: [items[i]!.text.split(/\s+(?:uden|med)\s+/u)[0]!] })),
    ...PROBLEM_TERMS,
  ];
  const since = input.now.getTime() - RECENT_DAYS * 86_400_000;
  const recent = newestFirst(input.documents.filter((d) => millis(d.recorded) >= since), (d) => d.recorded);
  const textItems: OverviewItem[] = [];
  const textConcepts = new Set<string>();
  for (const doc of recent) {
    for (const p of doc.passages) {
      if (!p.section || !DIAGNOSIS_SECTIONS.has(p.section)) continue;
      for (const f of findingsIn(p, lexicon)) {
        if (f.negated && !f.uncertain) continue;
        if (f.family || f.hypothetical || f.historical) continue;
        const concept = f.concept ?? f.term.toLocaleLowerCase('da');
        const listed = conceptOfItem.get(concept) ?? items.findIndex((it) => it.text.toLocaleLowerCase('da').includes(f.text.toLocaleLowerCase('da')));
        if (listed >= 0 && f.polarity === 'affirmed') {
          const it = items[listed]!;
          if (!it.citations.some((c) => c.kind === 'span')) items[listed] = { ...it, citations: [...it.citations, spanCitation(doc, p.start, p.end)] };
          continue;
        }
        if (listed >= 0) continue; // a doubt about a listed problem does not make a second item
        const k = `${concept}|${f.polarity}`;
        if (textConcepts.has(k)) continue;
        textConcepts.add(k);
        textItems.push({
          text: capitalise(p.text.replace(/[.\s]+$/u, '')),
          date: doc.recorded,
          origin: 'text',
          citations: [spanCitation(doc, p.start, p.end)],
          assertion: f.polarity === 'uncertain' ? 'uncertain' : 'present',
        });
      }
    }
  }
  // Present before uncertain.
  return [...items, ...textItems.filter((t) => t.assertion === 'present'), ...textItems.filter((t) => t.assertion === 'uncertain')];
}
