/** generateEvalRecord: deterministic, resolvable, spans exact, truth consistent, fast, valid FHIR R4. */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { validateResource } from '@medplum/core';
import type { Bundle, Composition, DocumentReference, Resource } from '@medplum/fhirtypes';
import { DEMO_TAG } from '../../demo/index.ts';
import { loadFhirDefinitions } from '../../fhir/definitions/index.ts';
import { codePointLength, generateEvalRecord, noteDocId, noteText, sliceCodePoints, type RecordTruth, type Span } from './index.ts';
import { referencesIn } from '../../../test/support/references.ts';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20];
const resources = (b: Bundle) => (b.entry ?? []).map((e) => e.resource as Resource);
const isNote = (r: Resource): r is Composition | DocumentReference => r.resourceType === 'Composition' || r.resourceType === 'DocumentReference';
const texts = (b: Bundle) => new Map(resources(b).filter(isNote).map((n) => [noteDocId(n)!, noteText(n)]));

/** Every (docId, span, phrase) the truth claims. */
function spansOf(t: RecordTruth): { what: string; docId: string; span: Span; phrase: string }[] {
  const out: { what: string; docId: string; span: Span; phrase: string }[] = [];
  const add = (what: string, x: { docId?: string; span?: Span; phrase?: string }) => {
    if (x.docId && x.span && x.phrase) out.push({ what, docId: x.docId, span: x.span, phrase: x.phrase });
  };
  t.allergies.forEach((a) => add('allergy', a));
  t.stoppedMedication.forEach((s) => add('stopped', { docId: s.stoppedIn, span: s.span, phrase: s.phrase }));
  t.negatedFindings.forEach((f) => add('negated', f));
  t.uncertainFindings.forEach((f) => add('uncertain', f));
  t.familyFindings.forEach((f) => add('family', f));
  t.pendingResults.forEach((p) => add('pending', p));
  t.amendments.forEach((a) => (add('amended (old)', a.superseded), add('amended (current)', a.current)));
  t.conflicts.forEach((c) => add('conflict', c.note));
  return out;
}

describe('generateEvalRecord', () => {
  const record = generateEvalRecord({ seed: 42 });
  const records = SEEDS.map((seed) => generateEvalRecord({ seed, documents: 60 }));

  test('is deterministic for a seed and differs between seeds', () => {
    assert.deepEqual(generateEvalRecord({ seed: 42 }), record, 'the same seed gives the same bundle and truth');
    assert.notDeepEqual(generateEvalRecord({ seed: 43 }), record, 'another seed gives another record');
    assert.notDeepEqual(records[0]!.truth.questions, records[1]!.truth.questions, 'questions differ between seeds');
  });

  test('a transaction of POSTs with unique urn:uuid fullUrls, the demo tag on every resource, one Patient', () => {
    const { bundle } = record;
    assert.equal(bundle.type, 'transaction', 'a transaction Bundle');
    const urls = bundle.entry!.map((e) => e.fullUrl!);
    for (const u of urls) assert.match(u, /^urn:uuid:[0-9a-f-]{36}$/, `${u} is a urn:uuid`);
    assert.equal(new Set(urls).size, urls.length, 'fullUrls are unique');
    for (const e of bundle.entry!) assert.deepEqual([e.request?.method, e.request?.url], ['POST', e.resource!.resourceType], `${e.fullUrl} is a POST to its type`);
    for (const r of resources(bundle)) assert.ok(r.meta?.tag?.some((t) => t.system === DEMO_TAG.system && t.code === DEMO_TAG.code), `${r.resourceType} has the demo tag`);
    assert.equal(resources(bundle).filter((r) => r.resourceType === 'Patient').length, 1, 'one Patient');
  });

  test('every reference in the bundle resolves to an entry', () => {
    for (const { bundle } of [record, ...records]) {
      const urls = new Set(bundle.entry!.map((e) => e.fullUrl));
      for (const ref of resources(bundle).flatMap((r) => referencesIn(r))) assert.ok(urls.has(ref), `${ref} is an entry of the Bundle`);
    }
  });

  test('has the asked number of notes, of both kinds, with the headers; the truth lists each once', () => {
    const notes = resources(record.bundle).filter(isNote);
    assert.equal(notes.length, 40, '40 notes by default');
    assert.equal(generateEvalRecord({ seed: 5, documents: 123 }).truth.documents.length, 123, '123 notes when asked');
    assert.ok(notes.some((n) => n.resourceType === 'Composition') && notes.some((n) => n.resourceType === 'DocumentReference'), 'Compositions and DocumentReferences');
    for (const n of notes.filter((x): x is DocumentReference => x.resourceType === 'DocumentReference'))
      assert.equal(n.content[0]?.attachment.contentType, 'text/plain', 'DocumentReference text is inline text/plain');
    assert.deepEqual(record.truth.documents.map((d) => d.docId).sort(), notes.map((n) => noteDocId(n)).sort(), 'truth.documents lists every note');
    const all = [...texts(record.bundle).values()].join('\n');
    for (const h of ['Anamnese:', 'Objektivt:', 'Paraklinik:', 'Konklusion:', 'Plan:', 'Medicin:']) assert.ok(all.includes(h), `a note has the header ${h}`);
    const headers = new Set(records.flatMap((r) => [...texts(r.bundle).values()].join('\n').match(/^(CAVE|Epikrise):$/gm) ?? []));
    assert.deepEqual([...headers].sort(), ['CAVE:', 'Epikrise:'], 'CAVE and Epikrise headers appear across seeds');
  });

  test('every truth span slices (in code points) to the phrase it claims, in the note it names', () => {
    let emoji = 0;
    for (const r of [record, ...records]) {
      const byDoc = texts(r.bundle);
      for (const t of byDoc.values()) if (codePointLength(t) !== t.length) emoji++;
      const spans = spansOf(r.truth);
      assert.ok(spans.length >= 8, `${spans.length} planted phrases`);
      for (const s of spans) {
        const text = byDoc.get(s.docId);
        assert.ok(text !== undefined, `${s.what}: ${s.docId} is a note of the bundle`);
        assert.equal(sliceCodePoints(text, s.span), s.phrase, `${s.what} ${s.docId} [${s.span.join(',')}) slices to "${s.phrase}"`);
      }
    }
    assert.ok(emoji > 0, `${emoji} notes have characters outside the BMP, so code points and UTF-16 units differ`);
  });

  test('stopped drugs are not active, and are no longer listed after the note that stops them', () => {
    let stopped = 0;
    for (const { truth, bundle } of [record, ...records]) {
      const active = new Set(truth.activeMedication.map((m) => m.atc));
      const byDoc = texts(bundle);
      const order = truth.documents.map((d) => d.docId);
      for (const s of truth.stoppedMedication) {
        stopped++;
        assert.ok(!active.has(s.atc), `${s.name} (${s.atc}) was stopped in ${s.stoppedIn} and is not active`);
        for (const later of order.slice(order.indexOf(s.stoppedIn) + 1)) {
          const medicin = byDoc.get(later)!.split('Medicin:\n')[1] ?? '';
          assert.ok(!medicin.includes(s.name), `${s.name} is not on the list in ${later}, after ${s.stoppedIn}`);
        }
      }
    }
    assert.ok(stopped > 5, `${stopped} stopped drugs across seeds`);
  });

  test('NKA and a note allergy hold together only when marked as a conflict', () => {
    const kinds = new Set<string>();
    for (const { truth } of [record, ...records]) {
      const noteAllergies = truth.allergies.filter((a) => a.source === 'note');
      if (truth.noKnownAllergies && noteAllergies.length) {
        kinds.add('conflict');
        for (const a of noteAllergies) assert.ok(truth.conflicts.some((c) => c.note.docId === a.docId), `the allergy in ${a.docId} is marked as a conflict with NKA`);
      } else {
        assert.equal(truth.conflicts.length, 0, 'no conflict without NKA and a note allergy');
        kinds.add(truth.noKnownAllergies ? 'nka' : noteAllergies.length ? 'note' : 'other');
      }
      assert.ok(!(truth.noKnownAllergies && truth.allergies.some((a) => a.source === 'structured')), 'NKA never next to a structured allergy');
    }
    for (const k of ['conflict', 'nka', 'note']) assert.ok(kinds.has(k), `some seed has the case "${k}"`);
  });

  test('questions: at least 10 per record, Danish, with not-found ones; evidence names notes of the record', () => {
    for (const { truth } of [record, ...records]) {
      assert.ok(truth.questions.length >= 10, `${truth.questions.length} questions`);
      assert.ok(truth.questions.some((q) => q.answer === 'not-found'), 'some questions are not answered by the record');
      const ids = new Set(truth.documents.map((d) => d.docId));
      for (const q of truth.questions) {
        assert.match(q.question, /\?$/, `"${q.question}" is a question`);
        for (const d of q.evidenceDocIds) assert.ok(ids.has(d), `evidence ${d} of "${q.question}" is a note`);
        if (q.answer === 'not-found') assert.equal(q.evidenceDocIds.length + q.evidenceResourceRefs.length, 0, `"${q.question}" (not found) has no evidence`);
        else assert.ok(q.evidenceDocIds.length + q.evidenceResourceRefs.length > 0, `"${q.question}" (${q.answer}) has evidence`);
      }
      const cur = truth.amendments[0]!;
      assert.equal(truth.documents.find((d) => d.docId === cur.currentDocId)?.status, 'current', 'the amended version is current');
      assert.equal(truth.documents.find((d) => d.docId === cur.supersededDocId)?.status, 'superseded', 'the first version is superseded');
    }
  });

  test('no person names other than the patient and the clinicians; distractor notes hold no planted fact', async () => {
    const { FEMALE_NAMES, MALE_NAMES, SURNAMES } = await import('../../demo/danish-names.ts');
    const clinicians = ['Karen', 'Holm', 'Mikkel', 'Dahl', 'Sofie', 'Bech', 'Jonas', 'Krogh', 'Line', 'Skov'];
    for (const { truth, bundle } of [record, ...records]) {
      const own = new Set([...truth.patient.name.split(' '), ...clinicians]);
      const others = [...FEMALE_NAMES, ...MALE_NAMES, ...SURNAMES].filter((n) => !own.has(n));
      const all = [...texts(bundle).values()].join('\n');
      for (const n of others) assert.ok(!new RegExp(`(^|[^\\p{L}])${n}([^\\p{L}]|$)`, 'u').test(all), `${n} (not this patient) appears in no note`);
      const factDocs = new Set(spansOf(truth).map((s) => s.docId));
      const distractors = truth.documents.filter((d) => d.distractor);
      assert.ok(distractors.length > 0, 'some distractor notes');
      for (const d of distractors) assert.ok(!factDocs.has(d.docId), `${d.docId} is a distractor without a planted fact`);
    }
  });

  test('2,000 documents in well under 5 s', () => {
    const t0 = performance.now();
    const big = generateEvalRecord({ seed: 9, documents: 2000 });
    const ms = performance.now() - t0;
    console.log(`generateEvalRecord({ documents: 2000 }): ${ms.toFixed(0)} ms, ${big.bundle.entry!.length} entries`);
    assert.equal(big.truth.documents.length, 2000, '2,000 notes');
    assert.ok(ms < 5000, `2,000 documents took ${ms.toFixed(0)} ms (bound 5,000 ms; target < 2,000 ms)`);
  });

  describe('validation', () => {
    before(() => {
      loadFhirDefinitions();
    });
    test('a sample of every resource type passes @medplum/core validateResource', () => {
      const byType = new Map<string, Resource[]>();
      for (const r of records.flatMap((x) => resources(x.bundle))) byType.set(r.resourceType, [...(byType.get(r.resourceType) ?? []), r]);
      for (const t of ['Patient', 'Encounter', 'Condition', 'AllergyIntolerance', 'MedicationStatement', 'MedicationRequest', 'Observation', 'ServiceRequest', 'Composition', 'DocumentReference'])
        assert.ok(byType.has(t), `the records have ${t}`);
      for (const [type, list] of byType) {
        for (const r of list.filter((_, i) => i % Math.max(1, Math.floor(list.length / 25)) === 0)) {
          try {
            validateResource(r);
          } catch (err) {
            assert.fail(`${type}: ${JSON.stringify((err as { outcome?: unknown }).outcome ?? String(err))}`);
          }
        }
      }
    });
  });
});
