/** The timeline's pure mapping: every kind, the sector decisions, and what stays off the timeline. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Communication, Composition, DiagnosticReport, DocumentReference, Encounter, EpisodeOfCare, Observation, Organization, QuestionnaireResponse, Resource } from '@medplum/fhirtypes';
import { PSYCHIATRIC_UNIT } from '../access/index.ts';
import type { TimelineEntry } from './api-types.ts';
import type { TimelineContext } from './entry-parts.ts';
import { MEDCOM_CATEGORY_SYSTEM, MEDCOM_DATETIME_EXTENSION, MEDCOM_IDENTIFIER_EXTENSION, MEDCOM_SENDER_EXTENSION } from './message-entries.ts';
import { CARE_SECTOR_SYSTEM, MUNICIPALITY_CODE_SYSTEM, organizationSector, YDERNUMMER_SYSTEM } from './sectors.ts';
import { toTimelineEntries } from './timeline-entries.ts';

const P = { reference: 'Patient/p1' };
const org = (id: string, name: string, extra: Partial<Organization> = {}): Organization => ({ resourceType: 'Organization', id, name, ...extra });
const ORGS = [
  org('med', 'Medicinsk afdeling M1'),
  org('psy', 'Psykiatrisk afdeling P', { type: [{ coding: [{ ...PSYCHIATRIC_UNIT }] }] }),
  org('gp', 'Lægerne i Brabrand', { identifier: [{ system: YDERNUMMER_SYSTEM, value: '012345' }] }),
  org('aarhus', 'Aarhus', { identifier: [{ system: MUNICIPALITY_CODE_SYSTEM, value: '751' }] }),
  org('hjemmepleje', 'Hjemmeplejen Nord', { partOf: { reference: 'Organization/aarhus' } }),
  org('plejecenter', 'Plejecenter Herlev', { identifier: [{ system: 'urn:oid:1.2.208.176.1.1', value: '953741000016009' }] }),
  org('stated', 'Sundhedshuset', { type: [{ coding: [{ system: CARE_SECTOR_SYSTEM, code: 'general-practice' }] }] }),
];

const somatic: Encounter = {
  resourceType: 'Encounter', id: 'e-som', meta: { versionId: '3' }, status: 'finished', class: { code: 'IMP' },
  subject: P, period: { start: '2025-01-10T08:00:00Z', end: '2025-01-14T12:00:00Z' }, serviceProvider: { reference: 'Organization/med' },
  reasonCode: [{ text: 'Pneumoni' }],
};
const psychiatric: Encounter = {
  resourceType: 'Encounter', id: 'e-psy', status: 'in-progress', class: { code: 'AMB' }, subject: P, period: { start: '2025-02-01T09:00:00Z' }, serviceProvider: { reference: 'Organization/psy' },
};

function context(extra: Resource[] = []): TimelineContext {
  const encounters = new Map([somatic, psychiatric, ...extra.filter((r): r is Encounter => r.resourceType === 'Encounter')].map((e) => [e.id!, e]));
  return { organizations: new Map(ORGS.map((o) => [o.id!, o])), practitionerRoles: new Map(), careTeams: new Map(), encounters, questionnaires: new Map() };
}

const one = (r: Resource, ctx = context()): TimelineEntry | undefined => toTimelineEntries([r], ctx)[0];

describe('timeline entries', () => {
  it('an Encounter is a contact: class, period, unit; somatic or psychiatric by its unit', () => {
    const e = one(somatic)!;
    assert.equal(e.kind, 'contact', 'kind');
    assert.equal(e.sector, 'hospital-somatic', 'a somatic unit');
    assert.equal(e.title, 'Indlæggelse – Medicinsk afdeling M1', 'Danish title with the unit');
    assert.equal(e.contactClass, 'inpatient', 'IMP is an admission');
    assert.deepEqual([e.start, e.end], ['2025-01-10T08:00:00Z', '2025-01-14T12:00:00Z'], 'the period');
    assert.equal(e.detail, 'Pneumoni', 'the reason');
    assert.deepEqual(e.source, { type: 'Encounter', id: 'e-som', versionId: '3' }, 'the source version');
    const p = one(psychiatric)!;
    assert.equal(p.sector, 'hospital-psychiatric', 'the psychiatric unit marker decides');
    assert.equal(p.title, 'Ambulant besøg – Psykiatrisk afdeling P', 'AMB is an outpatient visit');
    assert.equal(p.end, undefined, 'ongoing: no end');
    const emer = one({ ...somatic, id: 'e-akut', class: { code: 'EMER' } })!;
    assert.equal(emer.contactClass, 'emergency', 'EMER');
    assert.equal(emer.title.startsWith('Akut kontakt'), true, 'an emergency contact');
  });

  it('leaves out cancelled contacts and those without a start', () => {
    assert.equal(one({ ...somatic, status: 'cancelled' }), undefined, 'cancelled');
    assert.equal(one({ ...somatic, status: 'entered-in-error' }), undefined, 'entered in error');
    assert.equal(one({ ...somatic, period: {} }), undefined, 'no start');
  });

  it('an EpisodeOfCare is a course in its managing unit’s sector', () => {
    const course: EpisodeOfCare = { resourceType: 'EpisodeOfCare', id: 'eoc', status: 'active', patient: P, type: [{ text: 'Pakkeforløb lungekræft' }], period: { start: '2024-11-01' }, managingOrganization: { reference: 'Organization/med' } };
    const e = one(course)!;
    assert.deepEqual([e.kind, e.sector, e.title], ['episode', 'hospital-somatic', 'Forløb: Pakkeforløb lungekræft – Medicinsk afdeling M1']);
  });

  it('a Composition is a note with its text; in a psychiatric contact it is psychiatric', () => {
    const note: Composition = {
      resourceType: 'Composition', id: 'n1', status: 'final', type: { text: 'Lægenotat' }, subject: P, encounter: { reference: 'Encounter/e-psy' }, date: '2025-02-01T10:00:00Z', author: [{ display: 'Læge' }], title: 'Journaloptagelse',
      section: [{ title: 'Objektivt', text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>Vågen &amp; klar.</p></div>' } }],
    };
    const e = one(note)!;
    assert.deepEqual([e.kind, e.sector, e.title], ['note', 'hospital-psychiatric', 'Journaloptagelse']);
    assert.equal(e.text, 'Objektivt:\nVågen & klar.', 'sections as plain text');
    assert.equal(e.detail, 'Lægenotat · Objektivt: Vågen & klar.', 'type and first lines');
    assert.equal(one({ ...note, encounter: { reference: 'Encounter/e-som' } })!.sector, 'hospital-somatic', 'in a somatic contact');
    assert.equal(one({ ...note, encounter: undefined, custodian: { reference: 'Organization/gp' } })!.sector, 'general-practice', 'a GP’s note is theirs');
    assert.equal(one({ ...note, status: 'preliminary' }), undefined, 'a draft is not on the timeline until it is signed');
    assert.equal(one({ ...note, status: 'amended' })!.kind, 'note', 'an amended note is');
  });

  it('a DocumentReference is a document: inline text, or a link only to http(s)', () => {
    const doc: DocumentReference = {
      resourceType: 'DocumentReference', id: 'd1', status: 'current', subject: P, date: '2025-01-20T10:00:00Z', description: 'Henvisning fra egen læge', author: [{ reference: 'Organization/gp' }],
      content: [{ attachment: { contentType: 'text/plain; charset=utf-8', data: Buffer.from('Henvises med mistanke om lungeemboli.').toString('base64') } }],
    };
    const e = one(doc)!;
    assert.deepEqual([e.kind, e.sector, e.title], ['document', 'general-practice', 'Henvisning fra egen læge']);
    assert.equal(e.text, 'Henvises med mistanke om lungeemboli.', 'the text of the attachment');
    const pdf = one({ ...doc, author: undefined, content: [{ attachment: { contentType: 'application/pdf', url: 'https://docs.example.dk/a.pdf', title: 'Epikrise.pdf' } }] })!;
    assert.deepEqual(pdf.link, { url: 'https://docs.example.dk/a.pdf', title: 'Epikrise.pdf', contentType: 'application/pdf' }, 'a link to the PDF');
    assert.equal(pdf.sector, 'hospital-somatic', 'no party outside the hospital');
    assert.equal(one({ ...doc, content: [{ attachment: { url: 'javascript:alert(1)' } }] })!.link, undefined, 'never a javascript: link');
    assert.equal(one({ ...doc, status: 'entered-in-error' }), undefined, 'entered in error');
  });

  it('results: a report with its values; a lab Observation alone; vitals, device readings and scores left out', () => {
    const hb: Observation = {
      resourceType: 'Observation', id: 'o-hb', status: 'final', category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
      code: { text: 'Hæmoglobin' }, subject: P, effectiveDateTime: '2025-01-11T07:00:00Z', valueQuantity: { value: 7.4, unit: 'mmol/L' },
      interpretation: [{ coding: [{ code: 'L' }] }], referenceRange: [{ low: { value: 8.3 }, high: { value: 10.5 } }],
    };
    const crp: Observation = { ...hb, id: 'o-crp', code: { text: 'CRP' }, valueQuantity: { value: 45, unit: 'mg/L' }, interpretation: undefined, referenceRange: undefined };
    const report: DiagnosticReport = { resourceType: 'DiagnosticReport', id: 'r1', status: 'final', code: { text: 'Blodprøver' }, subject: P, effectiveDateTime: '2025-01-11T07:00:00Z', result: [{ reference: 'Observation/o-crp' }] };
    const entries = toTimelineEntries([hb, crp, report], context());
    assert.deepEqual(entries.map((e) => e.id).sort(), ['DiagnosticReport/r1', 'Observation/o-hb'], 'the reported CRP is inside its report');
    const lab = entries.find((e) => e.id === 'Observation/o-hb')!;
    assert.deepEqual([lab.kind, lab.title, lab.detail], ['result', 'Hæmoglobin', '7,4 mmol/L (lavt; ref. 8,3–10,5)'], 'value, flag and range in Danish');
    assert.equal(entries.find((e) => e.id === 'DiagnosticReport/r1')!.detail, 'CRP: 45 mg/L', 'the report shows its values');
    const vital: Observation = { ...hb, id: 'o-puls', category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }] };
    const score: Observation = { ...hb, id: 'o-news', category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey' }] }] };
    const device: Observation = { ...hb, id: 'dr-123' };
    const fromDevice: Observation = { ...hb, id: 'o-dev', device: { reference: 'Device/x' } };
    const uncategorised: Observation = { ...hb, id: 'o-none', category: undefined };
    assert.deepEqual(toTimelineEntries([vital, score, device, fromDevice, uncategorised], context()), [], 'vital signs, scores, device readings and uncategorised observations stay off');
  });

  it('a QuestionnaireResponse is the patient’s PRO answers', () => {
    const answers: QuestionnaireResponse = {
      resourceType: 'QuestionnaireResponse', id: 'q1', status: 'completed', subject: P, authored: '2025-01-25T18:00:00+01:00', questionnaire: 'http://kerne.dk/Questionnaire/who5|1',
      author: { reference: 'Patient/p1' }, item: [{ linkId: '1', text: 'Jeg har følt mig glad og i godt humør', answer: [{ valueCoding: { code: '3', display: 'Lidt mere end halvdelen af tiden' } }] }, { linkId: '2', text: 'Søvn', answer: [{ valueInteger: 4 }] }],
    };
    const ctx = { ...context(), questionnaires: new Map([['http://kerne.dk/Questionnaire/who5', { resourceType: 'Questionnaire' as const, status: 'active' as const, title: 'WHO-5 Trivselsindeks' }]]) };
    const e = one(answers, ctx)!;
    assert.deepEqual([e.kind, e.sector, e.title, e.detail], ['pro', 'patient', 'Spørgeskema: WHO-5 Trivselsindeks', '2 svar']);
    assert.equal(e.text, 'Jeg har følt mig glad og i godt humør: Lidt mere end halvdelen af tiden\nSøvn: 4', 'question and answer lines');
    assert.equal(one({ ...answers, status: 'in-progress' }), undefined, 'an unfinished questionnaire is not on the timeline');
  });

  it('messages: from the municipality in, to the GP out (MedCom payload date and sender), device alarms left out', () => {
    const fromMunicipality: Communication = {
      resourceType: 'Communication', id: 'm1', status: 'unknown', subject: P,
      category: [{ coding: [{ system: MEDCOM_CATEGORY_SYSTEM, code: 'home-care-assessment' }] }],
      extension: [{ url: MEDCOM_SENDER_EXTENSION, valueReference: { reference: 'Organization/hjemmepleje' } }],
      payload: [
        { contentString: 'Ældre besked', extension: [{ url: MEDCOM_DATETIME_EXTENSION, valueDateTime: '2025-01-15T09:00:00+01:00' }] },
        { contentString: 'Borgeren er visiteret til hjemmepleje.', extension: [{ url: MEDCOM_DATETIME_EXTENSION, valueDateTime: '2025-01-16T10:00:00+01:00' }] },
      ],
    };
    const e = one(fromMunicipality)!;
    assert.deepEqual([e.kind, e.sector, e.direction, e.title], ['message', 'municipality', 'in', 'Besked fra Hjemmeplejen Nord'], 'a parent’s kommunekode makes the unit municipal');
    assert.equal(e.start, '2025-01-16T10:00:00+01:00', 'the newest segment’s date');
    assert.equal(e.detail, 'Visitation · Borgeren er visiteret til hjemmepleje.', 'Danish MedCom category and the newest text');
    assert.equal(e.text, 'Ældre besked\n\nBorgeren er visiteret til hjemmepleje.', 'segments oldest first');

    const toGp: Communication = { resourceType: 'Communication', id: 'm2', status: 'completed', subject: P, sent: '2025-01-14T13:00:00Z', sender: { reference: 'Organization/med' }, recipient: [{ reference: 'Organization/gp' }], payload: [{ contentString: 'Udskrevet i dag.' }] };
    const g = one(toGp)!;
    assert.deepEqual([g.sector, g.direction, g.title, g.organization], ['general-practice', 'out', 'Besked til Lægerne i Brabrand', 'Lægerne i Brabrand']);

    const assigned: Communication = {
      resourceType: 'Communication', id: 'm3', status: 'unknown', subject: P,
      payload: [{ contentString: 'Hej', extension: [{ url: MEDCOM_DATETIME_EXTENSION, valueDateTime: '2025-01-17T10:00:00Z' }, { url: MEDCOM_IDENTIFIER_EXTENSION, valueIdentifier: { value: 'urn:uuid:x', assigner: { reference: 'Organization/plejecenter' } } }] }],
    };
    assert.deepEqual([one(assigned)!.sector, one(assigned)!.direction], ['municipality', 'in'], 'the segment identifier’s assigner is the sender; a plejecenter is municipal by name');

    const alarm: Communication = { ...toGp, id: 'a1', category: [{ coding: [{ system: 'https://kerne.dk/fhir/CodeSystem/communication-category', code: 'device-alarm' }] }] };
    assert.equal(one(alarm), undefined, 'a device alarm is not a message');
    assert.equal(one({ ...toGp, sent: undefined }), undefined, 'no time, no entry');
  });

  it('decides sectors from markers, identifiers, parents and Danish names', () => {
    const ctx = context();
    assert.equal(organizationSector('psy', ctx), 'hospital-psychiatric');
    assert.equal(organizationSector('gp', ctx), 'general-practice', 'ydernummer');
    assert.equal(organizationSector('aarhus', ctx), 'municipality', 'kommunekode');
    assert.equal(organizationSector('hjemmepleje', ctx), 'municipality', 'through its parent');
    assert.equal(organizationSector('plejecenter', ctx), 'municipality', 'by name');
    assert.equal(organizationSector('stated', ctx), 'general-practice', 'Kerne’s care-sector coding');
    assert.equal(organizationSector('med', ctx), undefined, 'a hospital unit states no primary sector');
    assert.equal(organizationSector('unknown', ctx), undefined, 'an organisation not at hand');
  });
});
