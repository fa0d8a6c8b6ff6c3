/**
 * What every timeline mapping needs (pure): the context a resource is read in (the directory and the
 * patient's encounters), the sector of something recorded at the hospital, Danish value text, and the
 * entry's common fields.
 */
import type { Encounter, Questionnaire, Quantity, Reference, Resource } from '@medplum/fhirtypes';
import { refId } from '../logistics/index.ts';
import { TimelineSector, type TimelineEntry, type TimelineKind } from './api-types.ts';
import { isPrimarySector, organizationSector, partySector, type Directory } from './sectors.ts';

export { conceptText } from '../logistics/domain/refs.ts';

/** The record around the resources being mapped: the directory, the patient's encounters the caller may see, questionnaires by canonical URL. */
export interface TimelineContext extends Directory {
  readonly encounters: ReadonlyMap<string, Encounter>;
  readonly questionnaires: ReadonlyMap<string, Questionnaire>;
}

/** The longest whole text an entry carries. */
export const MAX_TEXT = 8000;
/** The longest detail line. */
export const MAX_DETAIL = 240;

/** Text cut to `max` characters at a word boundary, with an ellipsis. */
export function clip(text: string | undefined, max: number): string | undefined {
  const t = text?.trim();
  if (!t) return undefined;
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** A text's first line(s) as a detail. */
export const firstLines = (text: string | undefined): string | undefined => clip(text?.replace(/:\s*\n\s*/g, ': ').replace(/\s*\n\s*/g, ' · '), MAX_DETAIL);

/** "8,1 mmol/L": a decimal comma and the unit. */
export function quantityText(q: Quantity | undefined): string | undefined {
  if (q?.value === undefined) return undefined;
  const unit = q.unit ?? q.code;
  return `${String(q.value).replace('.', ',')}${unit ? ` ${unit}` : ''}`;
}

/** The sector of a contact: its unit's, else the unit of the contact it is part of; the hospital's somatic side when nothing tells. */
export function encounterSector(encounter: Encounter, context: TimelineContext, depth = 0): TimelineSector {
  const own = organizationSector(refId(encounter.serviceProvider, 'Organization'), context);
  if (own) return own;
  const parent = context.encounters.get(refId(encounter.partOf, 'Encounter') ?? '');
  return parent && depth < 5 ? encounterSector(parent, context, depth + 1) : TimelineSector.hospitalSomatic;
}

/**
 * The sector of something recorded (a note, a document, a result): a GP's or a municipality's party
 * (author, custodian, performer) makes it theirs; else the contact it was recorded in; else a
 * psychiatric party; else the hospital's somatic side.
 */
export function recordSector(encounter: Reference | undefined, parties: readonly (Reference | undefined)[], context: TimelineContext): TimelineSector {
  const sectors = parties.map((p) => partySector(p, context).sector);
  const primary = sectors.find(isPrimarySector);
  if (primary) return primary;
  const contact = context.encounters.get(refId(encounter, 'Encounter') ?? '');
  if (contact) return encounterSector(contact, context);
  if (sectors.includes(TimelineSector.hospitalPsychiatric)) return TimelineSector.hospitalPsychiatric;
  return TimelineSector.hospitalSomatic;
}

/** The fields every entry has, from its source. */
export function entryBase(resource: Resource, kind: TimelineKind, sector: TimelineSector, start: string, title: string): Pick<TimelineEntry, 'id' | 'kind' | 'sector' | 'start' | 'title' | 'source'> {
  const id = resource.id ?? '';
  return { id: `${resource.resourceType}/${id}`, kind, sector, start, title, source: { type: resource.resourceType, id, versionId: resource.meta?.versionId ?? '1' } };
}

