/**
 * Messages on the timeline (pure): a Communication to or from the GP or the municipality, MedCom's
 * CareCommunication (korrespondancemeddelelse) included. MedCom keeps the message's time and author
 * in its payload segments (datetime, author and identifier-with-assigner extensions) and the specific
 * sender in an extension, so those count when the base elements are empty. The direction follows the
 * party outside the hospital: a sender there makes it incoming, a recipient there outgoing. Device
 * alarms (category device-alarm) are not correspondence and stay off.
 * @see ../../../shared/standards/MEDCOM.md §5
 */
import type { Communication, CommunicationPayload, Reference } from '@medplum/fhirtypes';
import { TimelineKind, TimelineSector, type TimelineEntry } from './api-types.ts';
import { attachmentText } from '../journal/index.ts';
import { clip, conceptText, entryBase, MAX_DETAIL, MAX_TEXT, recordSector, type TimelineContext } from './entry-parts.ts';
import { isPrimarySector, partySector } from './sectors.ts';

const MEDCOM_CORE = 'http://medcomfhir.dk/ig/core/StructureDefinition/';
export const MEDCOM_SENDER_EXTENSION = `${MEDCOM_CORE}medcom-core-sender-extension`;
export const MEDCOM_DATETIME_EXTENSION = `${MEDCOM_CORE}medcom-core-datetime-extension`;
export const MEDCOM_AUTHOR_EXTENSION = `${MEDCOM_CORE}medcom-core-practitioner-extension`;
export const MEDCOM_IDENTIFIER_EXTENSION = `${MEDCOM_CORE}medcom-core-identifier-extension`;
export const MEDCOM_CATEGORY_SYSTEM = 'http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-careCommunication-categoryCodes';

/** MedCom's CareCommunication categories in Danish (the CodeSystem's Danish designations). */
const MEDCOM_CATEGORY: Readonly<Record<string, string>> = {
  'alcohol-and-drug-treatment': 'Rusmiddelbehandling',
  'assistive-devices': 'Hjælpemidler',
  carecoordination: 'Forløbskoordinering',
  decease: 'Dødsfald',
  discharge: 'Udskrivelse',
  'examination-results': 'Undersøgelsessvar',
  healthcare: 'Sundhedspleje',
  'home-care-assessment': 'Visitation',
  medicine: 'Medicin',
  nursing: 'Sygepleje',
  outpatient: 'Ambulant',
  'psychiatry-social-disability': 'Psykiatri, social, handicap',
  'regarding-referral': 'Vedr. henvisning',
  telemedicine: 'Telemedicin',
  training: 'Træning',
  'acute-ambulant': 'Akut ambulant',
  'extended-care-responsibility': 'Udvidet behandlingsansvar',
  other: 'Andet',
};

export const isDeviceAlarm = (m: Communication): boolean => (m.category ?? []).some((c) => c.coding?.some((k) => k.code === 'device-alarm'));

const ext = (holder: { extension?: { url: string }[] } | undefined, url: string) => holder?.extension?.find((e) => e.url === url) as Record<string, unknown> | undefined;

/** A payload segment's date (MedCom datetime extension). */
const segmentDate = (p: CommunicationPayload) => ext(p, MEDCOM_DATETIME_EXTENSION)?.valueDateTime as string | undefined;

/** The segments oldest first (MedCom: order by segment date); segments without a date keep their place at the end. */
function orderedSegments(m: Communication): CommunicationPayload[] {
  return (m.payload ?? []).map((p, i) => ({ p, i, d: segmentDate(p) })).sort((a, b) => (a.d && b.d ? a.d.localeCompare(b.d) : a.d ? -1 : b.d ? 1 : 0) || a.i - b.i).map((x) => x.p);
}

/** Who sent it: Communication.sender, MedCom's sender extension, the newest segment's author or its identifier's assigner. */
function senderOf(m: Communication, newest: CommunicationPayload | undefined): Reference[] {
  const candidates = [
    m.sender,
    ext(m, MEDCOM_SENDER_EXTENSION)?.valueReference as Reference | undefined,
    ext(newest, MEDCOM_AUTHOR_EXTENSION)?.valueReference as Reference | undefined,
    (ext(newest, MEDCOM_IDENTIFIER_EXTENSION)?.valueIdentifier as { assigner?: Reference } | undefined)?.assigner,
  ];
  return candidates.filter((r): r is Reference => !!r);
}

const categoryText = (m: Communication) =>
  (m.category ?? [])
    .map((c) => {
      const medcom = c.coding?.find((k) => k.system === MEDCOM_CATEGORY_SYSTEM && k.code);
      return medcom ? (MEDCOM_CATEGORY[medcom.code!] ?? medcom.display ?? medcom.code) : conceptText(c);
    })
    .find(Boolean);

export function communicationEntry(m: Communication, context: TimelineContext): TimelineEntry | undefined {
  if (isDeviceAlarm(m) || m.status === 'entered-in-error') return undefined;
  const segments = orderedSegments(m);
  const newest = segments.at(-1);
  const start = m.sent ?? m.received ?? segments.map(segmentDate).filter(Boolean).at(-1) ?? undefined;
  if (!start) return undefined;

  const senders = senderOf(m, newest).map((r) => ({ ref: r, ...partySector(r, context) }));
  const recipients = (m.recipient ?? []).map((r) => ({ ref: r, ...partySector(r, context) }));
  const fromPatient = m.sender?.reference?.startsWith('Patient/') || m.sender?.reference?.startsWith('RelatedPerson/');
  const outsideSender = senders.find((s) => isPrimarySector(s.sector));
  const outsideRecipient = recipients.find((r) => isPrimarySector(r.sector));
  const named = (xs: { name?: string }[]) => xs.find((x) => x.name)?.name;

  let direction: 'in' | 'out' | undefined;
  let party: string | undefined;
  let sector: TimelineSector;
  if (fromPatient) {
    [direction, party, sector] = ['in', undefined, TimelineSector.patient];
  } else if (outsideSender) {
    [direction, party, sector] = ['in', outsideSender.name, outsideSender.sector!];
  } else if (outsideRecipient) {
    [direction, party, sector] = ['out', outsideRecipient.name, outsideRecipient.sector!];
  } else {
    sector = recordSector(m.encounter, [...senders.map((s) => s.ref), ...recipients.map((r) => r.ref)], context);
    direction = senders.length > 0 ? 'out' : recipients.length > 0 ? 'in' : undefined;
    party = direction === 'out' ? named(recipients) : named(senders);
  }

  const title = direction === 'in' ? (party ? `Besked fra ${party}` : 'Besked modtaget') : direction === 'out' ? (party ? `Besked til ${party}` : 'Besked sendt') : 'Besked';
  const body = segments.map((p) => p.contentString ?? attachmentText(p.contentAttachment) ?? (p.contentAttachment?.title ? `[Bilag: ${p.contentAttachment.title}]` : undefined)).filter(Boolean).join('\n\n');
  const text = clip(body, MAX_TEXT);
  const detail = [categoryText(m), m.topic?.text ?? conceptText(m.topic), clip(newest?.contentString?.replace(/\s+/g, ' '), 120)].filter(Boolean).join(' · ');
  return {
    ...entryBase(m, TimelineKind.message, sector, start, title),
    ...(detail ? { detail: clip(detail, MAX_DETAIL)! } : {}),
    ...(text ? { text } : {}),
    ...(party ? { organization: party } : {}),
    ...(direction ? { direction } : {}),
    status: m.status,
  };
}
