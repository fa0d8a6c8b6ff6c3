/**
 * A patient's record resources → timeline entries (pure): each type's mapping, Observations that a
 * report lists folded into the report, anything without a time or not for the timeline left out.
 */
import type { Communication, Composition, DiagnosticReport, DocumentReference, Encounter, EpisodeOfCare, Observation, QuestionnaireResponse, Resource } from '@medplum/fhirtypes';
import type { TimelineEntry } from './api-types.ts';
import { encounterEntry, episodeEntry } from './contact-entries.ts';
import type { TimelineContext } from './entry-parts.ts';
import { communicationEntry } from './message-entries.ts';
import { compositionEntry, documentEntry, observationEntry, questionnaireResponseEntry, reportedObservationIds, reportEntry } from './record-entries.ts';

/** The resource types the timeline is made of. */
export const TIMELINE_TYPES = ['Encounter', 'EpisodeOfCare', 'Composition', 'DiagnosticReport', 'Observation', 'DocumentReference', 'QuestionnaireResponse', 'Communication'] as const;
export type TimelineType = (typeof TIMELINE_TYPES)[number];

export function toTimelineEntries(resources: readonly Resource[], context: TimelineContext): TimelineEntry[] {
  const reports = resources.filter((r): r is DiagnosticReport => r.resourceType === 'DiagnosticReport');
  const observations = new Map(resources.filter((r): r is Observation => r.resourceType === 'Observation' && !!r.id).map((o) => [o.id!, o]));
  const inReports = reportedObservationIds(reports);
  const entries: TimelineEntry[] = [];
  for (const r of resources) {
    const entry = toEntry(r, context, observations, inReports);
    if (entry) entries.push(entry);
  }
  return entries;
}

function toEntry(r: Resource, context: TimelineContext, observations: ReadonlyMap<string, Observation>, inReports: ReadonlySet<string>): TimelineEntry | undefined {
  switch (r.resourceType) {
    case 'Encounter':
      return encounterEntry(r as Encounter, context);
    case 'EpisodeOfCare':
      return episodeEntry(r as EpisodeOfCare, context);
    case 'Composition':
      return compositionEntry(r as Composition, context);
    case 'DocumentReference':
      return documentEntry(r as DocumentReference, context);
    case 'DiagnosticReport':
      return reportEntry(r as DiagnosticReport, context, observations);
    case 'Observation':
      return r.id && inReports.has(r.id) ? undefined : observationEntry(r as Observation, context);
    case 'QuestionnaireResponse':
      return questionnaireResponseEntry(r as QuestionnaireResponse, context);
    case 'Communication':
      return communicationEntry(r as Communication, context);
    default:
      return undefined;
  }
}
