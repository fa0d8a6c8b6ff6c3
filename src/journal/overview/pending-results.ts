/**
 * "Afventende svar" (journal-ai.md §4): active ServiceRequests that no Observation or
 * DiagnosticReport is based on yet, then the PENDING_TEXT_MAX newest note passages saying a result
 * is awaited ("afventer", "svar afventes", "eftersendes"), unless negated or hypothetical; the same
 * sentence is shown once, and a sentence about an ordered test shown above ("Ekkokardiografi er
 * bestilt, svar afventes.") becomes a second citation of that test, not a line of its own. An old mention is not hidden (a biopsy answer never received matters) but
 * flagged when older than OLD_AFTER_DAYS, since its answer may have come on paper or by phone.
 */
import type { DiagnosticReport, Observation, ServiceRequest } from '@medplum/fhirtypes';
import type { JournalCitation, OverviewItem } from '../api-types.ts';
import { assessContext, codePointLength } from '../text/index.ts';
import { resourceCitation, spanCitation } from './cite.ts';
import { millis, newestFirst } from './dates.ts';
import { conceptText } from './fhir-text.ts';
import type { OverviewInput } from './overview-input.ts';

export const PENDING_TEXT_MAX = 5;
export const OLD_AFTER_DAYS = 90;
export const OLD_FLAG = 'Over 3 måneder gammel – svaret kan være kommet';
const AWAITED = /(?<![\p{L}])(?:afvent\p{L}*|eftersend\p{L}*|udestående)(?![\p{L}])/iu;

const resultedRequests = (results: readonly (Observation | DiagnosticReport)[]) =>
  new Set(results.flatMap((r) => (r.basedOn ?? []).map((b) => b.reference).filter((x): x is string => !!x?.startsWith('ServiceRequest/')).map((x) => x.slice(15))));

export function buildPendingResults(input: OverviewInput): OverviewItem[] {
  const resulted = resultedRequests(input.results);
  const requests = newestFirst(
    input.serviceRequests.filter((r: ServiceRequest) => r.status === 'active' && r.id && !resulted.has(r.id)),
    (r) => r.authoredOn ?? r.occurrenceDateTime,
  );
  const ordered = requests.map((r) => {
    const date = r.authoredOn ?? r.occurrenceDateTime;
    const name = conceptText(r.code);
    const item: OverviewItem = { text: name ?? 'Bestilt undersøgelse', ...(date ? { date } : {}), origin: 'structured', citations: [resourceCitation(r)], ...(r.priority && r.priority !== 'routine' ? { flags: [r.priority === 'stat' ? 'Akut' : 'Haster'] } : {}) };
    return { name: name && codePointLength(name) >= 4 ? name.toLocaleLowerCase('da') : undefined, item, mentions: [] as JournalCitation[] };
  });
  const textItems: OverviewItem[] = [];
  const old = input.now.getTime() - OLD_AFTER_DAYS * 86_400_000;
  const seen = new Set<string>();
  for (const doc of newestFirst(input.documents.filter((d) => AWAITED.test(d.text)), (d) => d.recorded)) {
    for (const p of doc.passages) {
      if (seen.size >= PENDING_TEXT_MAX) break;
      const cue = AWAITED.exec(p.text);
      if (!cue || /^\s+(?:ikke|ej)\b/iu.test(p.text.slice(cue.index + cue[0].length))) continue; // "afventer ikke længere"
      const at = p.start + codePointLength(p.text.slice(0, cue.index));
      const ctx = assessContext(p, { start: at, end: at + codePointLength(cue[0]) });
      if (ctx.negated || ctx.hypothetical || ctx.family) continue;
      const key = p.text.toLocaleLowerCase('da').replace(/\s+/gu, ' ');
      if (seen.has(key)) continue;
      seen.add(key);
      const lowered = p.text.toLocaleLowerCase('da');
      const order = ordered.find((o) => o.name && lowered.includes(o.name));
      if (order) {
        order.mentions.push(spanCitation(doc, p.start, p.end));
        continue;
      }
      const flags = millis(doc.recorded) < old ? [OLD_FLAG] : [];
      textItems.push({ text: p.text, date: doc.recorded, origin: 'text', citations: [spanCitation(doc, p.start, p.end)], ...(ctx.uncertain ? { assertion: 'uncertain' as const } : {}), ...(flags.length ? { flags } : {}) });
    }
  }
  return [...ordered.map((o) => ({ ...o.item, citations: [...o.item.citations, ...o.mentions] })), ...textItems];
}
