/**
 * "Seneste forløb" (journal-ai.md §4): the latest contacts (Encounters: kind, unit, period) and the
 * first one or two sentences of the latest epikrise, or else of the latest note's Konklusion, each
 * sentence cited as a span.
 */
import type { Encounter } from '@medplum/fhirtypes';
import type { OverviewItem } from '../api-types.ts';
import { resourceCitation, spanCitation } from './cite.ts';
import { danishDate, newestFirst } from './dates.ts';
import { conceptText } from './fhir-text.ts';
import type { OverviewInput, TextDocument } from './overview-input.ts';

export const RECENT_ENCOUNTERS = 3;
const CLASS_TEXT: Record<string, string> = { IMP: 'Indlæggelse', ACUTE: 'Indlæggelse', EMER: 'Akut kontakt', AMB: 'Ambulant besøg', VR: 'Virtuel kontakt', HH: 'Hjemmebesøg' };
const OPEN = new Set(['planned', 'arrived', 'triaged', 'in-progress', 'onleave']);

function encounterItem(e: Encounter): OverviewItem {
  const kind = CLASS_TEXT[e.class?.code ?? ''] ?? 'Kontakt';
  const where = e.serviceProvider?.display ?? e.location?.find((l) => l.status === 'active')?.location.display;
  const start = e.period?.start, end = e.period?.end;
  const when = start ? (end && danishDate(end) !== danishDate(start) ? `${danishDate(start)}–${danishDate(end)}` : danishDate(start)) : undefined;
  const reason = conceptText(e.reasonCode?.[0]) ?? e.diagnosis?.[0]?.condition.display;
  const text = [kind, where ? `på ${where}` : undefined, when ? `(${when}${OPEN.has(e.status) ? ', igangværende' : ''})` : OPEN.has(e.status) ? '(igangværende)' : undefined, reason ? `: ${reason}` : undefined]
    .filter(Boolean).join(' ').replace(' :', ':');
  return { text, ...(start ? { date: start } : {}), origin: 'structured', citations: [resourceCitation(e)] };
}

/** The first sentences of the epikrise (or of the Konklusion) of the newest document that has one. */
function latestConclusion(docs: readonly TextDocument[]): OverviewItem | undefined {
  const newest = newestFirst(docs, (d) => d.recorded);
  const epikrise = newest.find((d) => d.kind === 'epikrise' && d.passages.some((p) => p.section === 'Epikrise' || p.section === 'Konklusion'));
  const doc = epikrise ?? newest.find((d) => d.passages.some((p) => p.section === 'Konklusion'));
  if (!doc) return undefined;
  const section = doc.passages.some((p) => p.section === 'Epikrise') && doc === epikrise ? 'Epikrise' : 'Konklusion';
  const sentences = doc.passages.filter((p) => p.section === section).slice(0, 2);
  if (sentences.length === 0) return undefined;
  return {
    text: `${doc.title ?? (doc.kind === 'epikrise' ? 'Epikrise' : 'Notat')}: ${sentences.map((p) => p.text).join(' ')}`,
    date: doc.recorded,
    origin: 'text',
    citations: sentences.map((p) => spanCitation(doc, p.start, p.end)),
  };
}

export function buildRecentEvents(input: OverviewInput): OverviewItem[] {
  const encounters = newestFirst(input.encounters.filter((e) => e.status !== 'entered-in-error' && e.status !== 'cancelled'), (e) => e.period?.start).slice(0, RECENT_ENCOUNTERS);
  const conclusion = latestConclusion(input.documents);
  return [...(conclusion ? [conclusion] : []), ...encounters.map(encounterItem)];
}
