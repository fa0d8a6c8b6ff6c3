/** Builds the whole overview ("Overblik", journal-ai.md §4) from its input: the seven sections in order, an empty one saying so, items from changed resources marked new. Pure. */
import type { JournalOverview, OverviewItem, OverviewSection, OverviewSectionId } from '../api-types.ts';
import { buildAllergies } from './allergies.ts';
import { buildMedication } from './medication.ts';
import { buildNewSinceLastVisit } from './new-since-last-visit.ts';
import type { OverviewInput } from './overview-input.ts';
import { buildPendingResults } from './pending-results.ts';
import { buildProblems } from './problems.ts';
import { buildRecentEvents } from './recent-events.ts';
import { buildVitals } from './vitals.ts';

export const NOT_IN_RECORD = 'Ikke oplyst i journalen';

const SECTIONS: readonly { id: OverviewSectionId; title: string; build: (input: OverviewInput) => OverviewItem[] }[] = [
  { id: 'allergies', title: 'Allergier og CAVE', build: buildAllergies },
  { id: 'medication', title: 'Aktuel medicin', build: buildMedication },
  { id: 'problems', title: 'Aktive problemer', build: buildProblems },
  { id: 'vitals', title: 'Seneste vitale værdier og score', build: buildVitals },
  { id: 'recentEvents', title: 'Seneste forløb', build: buildRecentEvents },
  { id: 'pendingResults', title: 'Afventende svar', build: buildPendingResults },
  { id: 'newSinceLastVisit', title: 'Nyt siden sidst', build: buildNewSinceLastVisit },
];

export function buildOverview(input: OverviewInput, buildMs = 0): JournalOverview {
  const changed = new Set(input.lastOpened ? input.changedSinceLastVisit.map((r) => `${r.resourceType}/${r.id}/${r.meta?.versionId}`) : []);
  const markNew = (item: OverviewItem): OverviewItem =>
    item.isNew || !item.citations.some((c) => changed.has(`${c.resourceType}/${c.id}/${c.versionId}`)) ? item : { ...item, isNew: true };
  const sections: OverviewSection[] = SECTIONS.map((s) => ({
    id: s.id,
    title: s.title,
    items: s.build(input).map(markNew),
    emptyText: s.id === 'newSinceLastVisit' && !input.lastOpened ? 'Første gang du åbner overblikket for denne patient' : s.id === 'newSinceLastVisit' ? 'Intet nyt siden sidst' : NOT_IN_RECORD,
  }));
  return {
    patientId: input.patientId,
    sections,
    ...(input.lastOpened ? { lastOpened: input.lastOpened } : {}),
    generatedAt: input.now.toISOString(),
    buildMs,
  };
}
