/**
 * Contacts and courses on the timeline (pure): an Encounter becomes a contact (admission, outpatient
 * visit, emergency contact, by Encounter.class), an EpisodeOfCare a course, each over its period and
 * in its unit's sector. Cancelled and erroneous ones are left out.
 * @see https://hl7.org/fhir/R4/encounter.html @see https://hl7.org/fhir/R4/episodeofcare.html
 */
import type { Encounter, EpisodeOfCare } from '@medplum/fhirtypes';
import { refId } from '../logistics/index.ts';
import { ContactClass, TimelineKind, TimelineSector, type TimelineEntry } from './api-types.ts';
import { clip, conceptText, encounterSector, entryBase, MAX_DETAIL, type TimelineContext } from './entry-parts.ts';
import { organizationSector } from './sectors.ts';

const LEFT_OUT = new Set(['cancelled', 'entered-in-error']);

/** v3 ActCode (Encounter.class) → the kind of contact. */
const CLASS_OF: Readonly<Record<string, ContactClass>> = {
  IMP: ContactClass.inpatient,
  ACUTE: ContactClass.inpatient,
  NONAC: ContactClass.inpatient,
  AMB: ContactClass.outpatient,
  EMER: ContactClass.emergency,
  HH: ContactClass.home,
  VR: ContactClass.virtual,
};

const CLASS_TITLE: Readonly<Record<ContactClass, string>> = {
  inpatient: 'Indlæggelse',
  outpatient: 'Ambulant besøg',
  emergency: 'Akut kontakt',
  home: 'Hjemmebesøg',
  virtual: 'Virtuel kontakt',
  other: 'Kontakt',
};

export function contactClassOf(encounter: Encounter): ContactClass {
  return CLASS_OF[encounter.class?.code ?? ''] ?? ContactClass.other;
}

const withUnit = (title: string, unit: string | undefined) => (unit ? `${title} – ${unit}` : title);

export function encounterEntry(encounter: Encounter, context: TimelineContext): TimelineEntry | undefined {
  const start = encounter.period?.start;
  if (!start || LEFT_OUT.has(encounter.status)) return undefined;
  const contactClass = contactClassOf(encounter);
  const unit = context.organizations.get(refId(encounter.serviceProvider, 'Organization') ?? '')?.name ?? encounter.serviceProvider?.display;
  const detail = [...(encounter.type ?? []).map(conceptText), ...(encounter.reasonCode ?? []).map(conceptText)].filter(Boolean).join(' · ');
  return {
    ...entryBase(encounter, TimelineKind.contact, encounterSector(encounter, context), start, withUnit(CLASS_TITLE[contactClass], unit)),
    ...(encounter.period?.end ? { end: encounter.period.end } : {}),
    ...(detail ? { detail: clip(detail, MAX_DETAIL)! } : {}),
    ...(unit ? { organization: unit } : {}),
    contactClass,
    status: encounter.status,
  };
}

export function episodeEntry(episode: EpisodeOfCare, context: TimelineContext): TimelineEntry | undefined {
  const start = episode.period?.start;
  if (!start || LEFT_OUT.has(episode.status)) return undefined;
  const orgId = refId(episode.managingOrganization, 'Organization');
  const unit = context.organizations.get(orgId ?? '')?.name ?? episode.managingOrganization?.display;
  const type = (episode.type ?? []).map(conceptText).filter(Boolean).join(' · ');
  return {
    ...entryBase(episode, TimelineKind.episode, organizationSector(orgId, context) ?? TimelineSector.hospitalSomatic, start, withUnit(type ? `Forløb: ${type}` : 'Forløb', unit)),
    ...(episode.period?.end ? { end: episode.period.end } : {}),
    ...(unit ? { organization: unit } : {}),
    status: episode.status,
  };
}
