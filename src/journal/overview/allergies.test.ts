/** Allergier og CAVE: structured first (entered-in-error left out, refuted labelled, NKA), CAVE text with ConText, conflicts flagged, citations verify. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AllergyIntolerance } from '@medplum/fhirtypes';
import { buildAllergies } from './allergies.ts';
import { assertVerifies, daysAgo, input, note, stored } from './test-fixtures.ts';

const allergy = (id: string, code: { system: string; code: string; display: string }, verification = 'confirmed'): AllergyIntolerance =>
  stored({
    resourceType: 'AllergyIntolerance', patient: { reference: 'Patient/p1' }, recordedDate: daysAgo(200), code: { coding: [code], text: code.display },
    clinicalStatus: { coding: [{ code: 'active' }] }, verificationStatus: { coding: [{ code: verification }] },
  }, id);
const PENICILLIN = { system: 'http://www.whocc.no/atc', code: 'J01CE02', display: 'Phenoxymethylpenicillin' };
const NKA = { system: 'http://snomed.info/sct', code: '716186003', display: 'No known allergy' };

describe('buildAllergies', () => {
  test('a structured allergy is present; entered-in-error is left out; refuted is labelled negated', () => {
    const items = buildAllergies(input({ allergies: [allergy('a1', PENICILLIN), allergy('a2', { ...PENICILLIN, display: 'Ibuprofen' }, 'entered-in-error'), allergy('a3', { ...PENICILLIN, display: 'Codein' }, 'refuted')] }));
    assert.deepEqual(items.map((i) => [i.text, i.assertion]), [['Phenoxymethylpenicillin', 'present'], ['Codein', 'negated']], 'present first, refuted labelled, the error gone');
    assert.deepEqual(items[0]!.citations, [{ kind: 'resource', resourceType: 'AllergyIntolerance', id: 'a1', versionId: '1' }], 'cited at its version');
    assert.ok(items[1]!.flags?.includes('Afkræftet'), 'the refuted one says so');
  });

  test('"Ingen kendte allergier" in a note is NKA, not an allergy; a CAVE line is an allergy, cited verbatim', () => {
    const nka = note('n1', 'CAVE:\nIngen kendte allergier.', daysAgo(10));
    const cave = note('n2', 'Anamnese:\nIndlagt med feber.\n\nCAVE:\nCAVE codein (kvalme og opkastning).', daysAgo(5));
    const items = buildAllergies(input({ documents: [nka, cave] }));
    const codein = items.find((i) => i.text.toLowerCase().includes('codein'));
    assert.ok(codein, `codein shown: ${JSON.stringify(items.map((i) => i.text))}`);
    assert.equal(codein.assertion, 'present', 'as present');
    assertVerifies(codein.citations[0]!, cave, 'codein (kvalme og opkastning)');
    const nkaItem = items.find((i) => i.flags?.includes('NKA'));
    assert.ok(nkaItem, 'NKA shown');
    assert.ok(!items.some((i) => i.assertion === 'present' && /ingen/i.test(i.text)), 'the negated sentence is never an allergy');
    assertVerifies(nkaItem.citations[0]!, nka, 'Ingen kendte allergier');
  });

  test('a structured NKA beside a note with CAVE penicillin: both shown, flagged as a conflict', () => {
    const doc = note('n1', 'CAVE:\nCAVE penicillin (udslæt).', daysAgo(3));
    const items = buildAllergies(input({ allergies: [allergy('nka', NKA)], documents: [doc] }));
    const pen = items.find((i) => i.text.startsWith('Penicillin'));
    const nka = items.find((i) => i.flags?.includes('NKA'));
    assert.ok(pen && nka, `both shown: ${JSON.stringify(items)}`);
    assert.ok(pen.flags?.some((f) => f === 'Konflikt: NKA i strukturerede data'), `the allergy flags the conflict: ${pen.flags}`);
    assert.ok(nka.flags?.some((f) => f.startsWith('Konflikt: Penicillin i notat')), `NKA flags it too: ${nka.flags}`);
  });

  test('family and hypothetical mentions are left out; "penicillinallergi" gives the substance and merges with the structured one', () => {
    const doc = note('n1', 'Anamnese:\nMor med penicillinallergi. Kendt penicillinallergi med udslæt.', daysAgo(3));
    const items = buildAllergies(input({ allergies: [allergy('a1', PENICILLIN)], documents: [doc] }));
    assert.equal(items.length, 1, `one item: ${JSON.stringify(items.map((i) => i.text))}`);
    assert.equal(items[0]!.citations.length, 2, 'the structured allergy with the note as a second source');
    assertVerifies(items[0]!.citations[1]!, doc);
    assert.ok(!(items[0]!.citations[1] as { quote: string }).quote.startsWith('Mor'), 'not the mother\'s allergy');
  });

  test('nothing recorded: no items', () => {
    assert.deepEqual(buildAllergies(input()), [], 'empty');
  });
});
