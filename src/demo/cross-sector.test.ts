/**
 * The demo's cross-sector course (cross-sector.ts): appended after the rest and derived from it,
 * deterministic, read by the timeline in the right sector, and consistent with the structured record
 * as Overblik reads it: every GP letter's allergy statement agrees with the patient's
 * AllergyIntolerances (one conflict, on purpose), its medication is the patient's, and no new text
 * speaks of fever (the search's and the ask box's browser tests rely on the MED1 admission note's
 * "Har ikke feber." being the only word on it).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AllergyIntolerance, BundleEntry, Communication, Composition, Condition, DocumentReference, Encounter, MedicationStatement, Organization, Questionnaire, QuestionnaireResponse, Resource } from '@medplum/fhirtypes';
import { DOCUMENT_CATEGORY_SYSTEM, DocumentCategory } from '../documents/api-types.ts';
import { attachmentText } from '../journal/index.ts';
import { buildOverview, textDocument, type TextDocument } from '../journal/overview/index.ts';
import { TimelineKind, TimelineSector, toTimelineEntries, type TimelineEntry } from '../timeline/index.ts';
import { EMPTY_DIRECTORY, MUNICIPALITY_CODE_SYSTEM, YDERNUMMER_SYSTEM } from '../timeline/sectors.ts';
import { crossSectorEntries, crossSectorSeed } from './cross-sector.ts';
import { DEMO_PATIENTS, DEMO_SEED, generateDemoPopulation } from './index.ts';
import { createRandom } from './random.ts';

const NOW = new Date('2025-03-04T09:30:00Z');
const NEW_TYPES = new Set(['DocumentReference', 'Communication', 'QuestionnaireResponse', 'Questionnaire']);

/** The Bundle's resources as stored: urn:uuid references become Type/id, every resource gets its id and version 1. */
function stored(entries: readonly BundleEntry[]): Resource[] {
  const typeOf = new Map(entries.map((e) => [e.fullUrl!, e.resource!.resourceType]));
  const json = JSON.stringify(entries.map((e) => ({ ...e.resource, id: e.fullUrl!.slice('urn:uuid:'.length), meta: { ...e.resource!.meta, versionId: '1' } })));
  return JSON.parse(json.replace(/"reference":"(urn:uuid:([0-9a-f-]+))"/g, (_, url: string, id: string) => `"reference":"${typeOf.get(url)}/${id}"`)) as Resource[];
}

const textOf = (r: Resource) =>
  r.resourceType === 'DocumentReference'
    ? ((r as DocumentReference).content ?? []).map((c) => attachmentText(c.attachment) ?? '').join('\n')
    : r.resourceType === 'Communication'
      ? ((r as Communication).payload ?? []).map((p) => p.contentString ?? '').join('\n')
      : JSON.stringify((r as QuestionnaireResponse).item ?? []);

/** The lines of a letter's section ("Medicin:" up to the blank line). */
const sectionLines = (text: string, header: string) => {
  const lines = text.split('\n');
  const from = lines.indexOf(header);
  if (from < 0) return [];
  const to = lines.indexOf('', from);
  return lines.slice(from + 1, to < 0 ? undefined : to);
};

describe('the demo’s course across sectors', () => {
  const bundle = generateDemoPopulation({ seed: DEMO_SEED, patients: DEMO_PATIENTS, now: NOW });
  const entries = bundle.entry!;
  const outside = new Set<string | undefined>([YDERNUMMER_SYSTEM, MUNICIPALITY_CODE_SYSTEM]);
  const firstNew = entries.findIndex((e) => NEW_TYPES.has(e.resource!.resourceType) || (e.resource!.resourceType === 'Organization' && outside.has((e.resource as Organization).identifier?.[0]?.system)));
  const prefix = entries.slice(0, firstNew);
  const added = entries.slice(firstNew);
  const resources = stored(entries);
  const byId = new Map(resources.map((r) => [`${r.resourceType}/${r.id}`, r]));
  const ofType = <T extends Resource>(type: string) => resources.filter((r): r is T => r.resourceType === type);
  const patientOf = (r: Resource) => ((r as { subject?: { reference?: string } }).subject?.reference ?? (r as AllergyIntolerance).patient?.reference ?? '');
  const letters = ofType<DocumentReference>('DocumentReference');
  const messages = ofType<Communication>('Communication');
  const answers = ofType<QuestionnaireResponse>('QuestionnaireResponse');

  test('is appended after everything else, derived from it, and the same on every build', () => {
    assert.ok(firstNew > 0 && added.length > 0, `new entries after the rest (${firstNew} before, ${added.length} new)`);
    assert.ok(prefix.every((e) => !NEW_TYPES.has(e.resource!.resourceType)), 'no new kind of entry among the earlier ones');
    const again = crossSectorEntries(prefix, { seed: DEMO_SEED, now: NOW });
    assert.deepEqual(again.entries, added, 'the new entries are exactly what the earlier ones give');
    assert.deepEqual(generateDemoPopulation({ seed: DEMO_SEED, patients: DEMO_PATIENTS, now: NOW }), bundle, 'two builds are identical');
    assert.notEqual(crossSectorSeed(DEMO_SEED), DEMO_SEED, 'its own stream');
    const main = createRandom(DEMO_SEED);
    const own = createRandom(crossSectorSeed(DEMO_SEED));
    const mainIds = new Set(Array.from({ length: 2000 }, () => main.uuid()));
    assert.ok(Array.from({ length: 2000 }, () => own.uuid()).every((id) => !mainIds.has(id)), 'its ids never meet the main stream’s');
    assert.equal(again.summary.letters, letters.length, 'the summary counts the letters');
    assert.ok(letters.length >= 40, `most ward stays have a GP letter (${letters.length})`);
    assert.ok(again.summary.homeCareMessages >= 5 && again.summary.dischargeMessages >= 5, `messages from home care (${again.summary.homeCareMessages}) and to the GP (${again.summary.dischargeMessages})`);
    assert.ok(answers.length >= 3, `some PRO answers (${answers.length})`);
  });

  test('every reference of the new content resolves, to the right kind of party', () => {
    for (const r of resources.filter((x) => NEW_TYPES.has(x.resourceType))) {
      for (const ref of JSON.stringify(r).match(/"reference":"[^"]+"/g) ?? []) assert.ok(byId.has(ref.slice(13, -1)), `${r.resourceType}/${r.id}: ${ref} resolves`);
    }
    for (const m of messages) {
      const sender = byId.get(m.sender!.reference!) as Organization;
      const recipient = byId.get(m.recipient![0]!.reference!) as Organization;
      assert.equal(sender.resourceType, 'Organization', 'sent by an organisation');
      assert.equal(recipient.resourceType, 'Organization', 'to an organisation');
      assert.equal(m.status, 'completed', 'a completed message');
      assert.ok(m.sent && m.sent <= NOW.toISOString(), `sent ${m.sent}, not in the future`);
      const encounter = byId.get(m.encounter!.reference!) as Encounter;
      assert.equal(encounter.subject!.reference, m.subject!.reference, 'its contact is the patient’s');
    }
  });

  test('the timeline reads letters as almen praksis, home care as kommune (in), discharge messages as almen praksis (out), PRO as the patient', () => {
    const context = {
      ...EMPTY_DIRECTORY,
      organizations: new Map(ofType<Organization>('Organization').map((o) => [o.id!, o])),
      encounters: new Map(ofType<Encounter>('Encounter').map((e) => [e.id!, e])),
      questionnaires: new Map(ofType<Questionnaire>('Questionnaire').map((q) => [q.url!, q])),
    };
    const timeline = toTimelineEntries(resources.filter((r) => NEW_TYPES.has(r.resourceType)), context);
    const of = (kind: string) => timeline.filter((e) => e.kind === kind);
    assert.equal(of(TimelineKind.document).length, letters.length, 'every letter is on the timeline');
    for (const e of of(TimelineKind.document)) assert.equal(e.sector, TimelineSector.generalPractice, `${e.title}: almen praksis`);
    const messageEntries = of(TimelineKind.message);
    assert.equal(messageEntries.length, messages.length, 'every message is on the timeline');
    const homeCare = messageEntries.filter((e: TimelineEntry) => e.sector === TimelineSector.municipality);
    const toGp = messageEntries.filter((e: TimelineEntry) => e.sector === TimelineSector.generalPractice);
    assert.equal(homeCare.length + toGp.length, messages.length, 'each message is the municipality’s or the GP’s');
    assert.ok(homeCare.every((e) => e.direction === 'in' && /^Besked fra .*Kommune, Hjemmeplejen$/.test(e.title)), `home care writes in (${homeCare[0]?.title})`);
    assert.ok(toGp.every((e) => e.direction === 'out' && /^Besked til Læge/.test(e.title)), `the ward writes out to the practice (${toGp[0]?.title})`);
    const pro = of(TimelineKind.pro);
    assert.equal(pro.length, answers.length, 'every PRO answer is on the timeline');
    assert.ok(pro.every((e) => e.sector === TimelineSector.patient && e.title === 'Spørgeskema: Helbred og trivsel'), `PRO as the patient’s, with the questionnaire’s title (${pro[0]?.title})`);
  });

  test('letters are in the archive’s category, authored by a practice, dated before the stay they refer to', () => {
    for (const d of letters) {
      assert.ok(d.category?.some((c) => c.coding?.some((k) => k.system === DOCUMENT_CATEGORY_SYSTEM && k.code === DocumentCategory.brevFraEgenLaege)), 'category Brev fra egen læge');
      const practice = byId.get(d.author![0]!.reference!) as Organization;
      assert.equal(practice.identifier?.[0]?.system, YDERNUMMER_SYSTEM, `${practice.name}: a ydernummer`);
      const stay = ofType<Encounter>('Encounter').find((e) => e.subject?.reference === d.subject!.reference && (e.status === 'in-progress' || e.status === 'onleave'));
      assert.ok(stay && d.date! < stay.period!.start!, `the letter (${d.date}) before the stay (${stay?.period?.start})`);
      assert.ok(textOf(d).includes(`Henvisning til ${stay.serviceProvider!.display}`), 'referred to the ward the patient is on');
    }
    for (const q of answers) {
      const stay = ofType<Encounter>('Encounter').find((e) => e.subject?.reference === q.subject!.reference && e.status !== 'finished');
      assert.ok(stay && q.authored! < stay.period!.start!, 'PRO answered before the stay');
      assert.equal(q.author?.reference, q.subject!.reference, 'authored by the patient');
    }
  });

  test('every letter’s allergies agree with the patient’s AllergyIntolerances as Overblik reads them; one conflict, on purpose, on MED1', () => {
    const { summary } = crossSectorEntries(prefix, { seed: DEMO_SEED, now: NOW });
    assert.ok(summary.conflictPatientRef, 'the demo has its conflict patient');
    const conflictId = `Patient/${summary.conflictPatientRef!.slice('urn:uuid:'.length)}`;
    let withAllergy = 0;
    for (const letter of letters) {
      const patient = letter.subject!.reference!;
      const allergies = ofType<AllergyIntolerance>('AllergyIntolerance').filter((a) => a.patient.reference === patient);
      const stated = textOf(letter).split('\n').filter((l) => /^CAVE: |^Ingen kendte allergier\./.test(l));
      const documents = [letter, ...ofType<Composition>('Composition').filter((c) => patientOf(c) === patient)].map((r) => textDocument(r)).filter((d): d is TextDocument => !!d);
      const overview = buildOverview({
        patientId: patient.slice(8), now: NOW, allergies, medicationStatements: [], medicationRequests: [], conditions: [], vitals: [], earlyWarningScores: [],
        encounters: [], serviceRequests: [], results: [], documents, changedSinceLastVisit: [],
      });
      const items = overview.sections.find((s) => s.id === 'allergies')!.items;
      const conflicts = items.filter((i) => i.flags?.some((f) => f.startsWith('Konflikt')));
      const fromLetter = items.filter((i) => i.citations.some((c) => c.id === letter.id));
      if (patient === conflictId) {
        assert.ok(allergies.length > 0 && stated.includes('Ingen kendte allergier.'), 'the conflict patient’s letter says NKA despite an allergy');
        assert.ok(conflicts.length >= 2, `Overblik flags the conflict on both items (${JSON.stringify(items)})`);
        const stay = ofType<Encounter>('Encounter').find((e) => e.subject?.reference === patient && e.status !== 'finished');
        assert.match(stay?.serviceProvider?.display ?? '', /M1$/, 'the conflict patient is on MED1 (the demo doctor’s ward)');
        continue;
      }
      assert.deepEqual(conflicts, [], `${patient}: no conflict (${stated.join(' ')})`);
      if (allergies.length === 0) {
        assert.deepEqual(stated, ['Ingen kendte allergier.'], `${patient}: no allergy recorded, the letter says so`);
        assert.ok(fromLetter.some((i) => i.flags?.includes('NKA')), `${patient}: Overblik reads the letter as NKA`);
      } else {
        withAllergy++;
        assert.deepEqual(stated.map((l) => l.replace(/ \(.*$/u, '')), allergies.map((a) => `CAVE: ${a.code!.text}`), `${patient}: the letter names the recorded allergy`);
        for (const a of allergies) {
          const item = items.find((i) => i.origin === 'structured' && i.citations.some((c) => c.id === a.id));
          assert.ok(item?.citations.some((c) => c.kind === 'span' && c.id === letter.id), `${patient}: the letter’s CAVE line is a second source of ${a.code!.text}`);
        }
        assert.ok(!items.some((i) => i.origin === 'text' && i.assertion === 'present'), `${patient}: no allergy Overblik did not know`);
      }
    }
    assert.ok(withAllergy > 0, `letters of patients with an allergy checked (${withAllergy})`);
  });

  test('the letters list the patient’s own drugs and active problems, and no new text speaks of fever or of stopping a drug', () => {
    for (const letter of letters) {
      const patient = letter.subject!.reference!;
      const text = textOf(letter);
      const doses = new Set(ofType<MedicationStatement>('MedicationStatement').filter((m) => patientOf(m) === patient).map((m) => m.dosage![0]!.text!));
      for (const line of sectionLines(text, 'Medicin:')) assert.ok(line === 'Ingen fast medicin.' || doses.has(line), `${patient}: "${line}" is on the structured list`);
      const problems = ofType<Condition>('Condition').filter((c) => patientOf(c) === patient && c.category?.[0]?.coding?.[0]?.code === 'problem-list-item');
      const [known] = sectionLines(text, 'Kendte sygdomme:');
      assert.equal(known === 'Ingen kroniske sygdomme.', problems.length === 0, `${patient}: "${known}" agrees with the problem list (${problems.length})`);
    }
    for (const r of resources.filter((x) => NEW_TYPES.has(x.resourceType) && x.resourceType !== 'Questionnaire')) {
      const text = textOf(r);
      assert.doesNotMatch(text, /feber|febril|pyreksi/i, `${r.resourceType}/${r.id} says nothing of fever`);
      assert.doesNotMatch(text, /seponer|pauser|stoppe|ophør|udsat|opstart|genoptag|genstart|påbegynd|startes/i, `${r.resourceType}/${r.id} stops or starts no drug`);
    }
  });
});
