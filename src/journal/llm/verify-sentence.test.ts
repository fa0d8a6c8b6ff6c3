/** Verification of generated sentences and the per-request schema (journal-ai.md §6). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildAnswerSchema, parseOutput, schemaHash } from './answer-schema.ts';
import { datesIn, numbersIn, verifySentence } from './verify-sentence.ts';

const passages = new Map([
  ['S1', 'Patienten er sat i behandling med T. Eliquis 5 mg x 2 fra 12.03.2024.'],
  ['S2', 'Ingen kendte allergier.'],
  ['S3', 'Feber 39,2 °C om aftenen.'],
]);

describe('verifySentence', () => {
  it('passes a faithful sentence', () => {
    const v = verifySentence({ text: 'Patienten er i behandling med Eliquis 5 mg x 2 fra 12. marts 2024.', citations: ['S1'] }, passages);
    assert.equal(v.ok, true, JSON.stringify(v.failed));
  });
  it('fails a citation that was not given, and a sentence citing nothing', () => {
    assert.deepEqual(verifySentence({ text: 'Eliquis.', citations: ['S9'] }, passages).failed.map((f) => f.check), ['citations'], 'unknown id');
    assert.equal(verifySentence({ text: 'Eliquis.', citations: [] }, passages).ok, false, 'no citation');
  });
  it('fails a number, dose, date or drug not in the cited passages', () => {
    const check = (text: string) => verifySentence({ text, citations: ['S1'] }, passages).failed.map((f) => f.check);
    assert.ok(check('Patienten er i behandling med Eliquis 10 mg x 2.').includes('numbers'), 'a dose that is not there');
    assert.ok(check('Patienten er i behandling med Eliquis 5 mg x 2 fra 13.03.2024.').includes('dates'), 'another date');
    assert.ok(check('Patienten er i behandling med Marevan 5 mg x 2.').includes('drugs'), 'another drug');
  });
  it('normalises decimal commas and Danish dates', () => {
    assert.deepEqual(numbersIn('39,2 og 1.000'), ['39.2', '1000'], 'numbers');
    assert.deepEqual(datesIn('12.03.2024, 12/3-24 og 12. marts 2024'), ['2024-03-12', '2024-03-12', '2024-03-12'], 'dates');
    assert.equal(verifySentence({ text: 'Feber på 39.2 °C om aftenen.', citations: ['S3'] }, passages).ok, true, '39.2 = 39,2');
  });
  it('fails a sentence whose negation disagrees with its passages', () => {
    const v = verifySentence({ text: 'Patienten har kendte allergier.', citations: ['S2'] }, passages);
    assert.ok(v.failed.some((f) => f.check === 'negation'), `asserting what S2 negates: ${JSON.stringify(v.failed)}`);
    const w = verifySentence({ text: 'Patienten er ikke i behandling med Eliquis.', citations: ['S1'] }, passages);
    assert.ok(w.failed.some((f) => f.check === 'negation'), 'negating what S1 asserts');
  });
  it('fails a sentence with too little in common with its passages', () => {
    const v = verifySentence({ text: 'Hjertesvigt forværret trods diuretika og væskerestriktion.', citations: ['S2'] }, passages);
    assert.ok(v.failed.some((f) => f.check === 'overlap'), JSON.stringify(v.failed));
  });
});

describe('buildAnswerSchema', () => {
  it('makes citations an enum of the passage ids, at least one, and validates output with it', () => {
    const schema = buildAnswerSchema(['S1', 'S2']);
    const items = (schema as { properties: { sentences: { items: { properties: { citations: { items: { enum: string[] }; minItems: number } } } } } }).properties.sentences.items.properties.citations;
    assert.deepEqual(items.items.enum, ['S1', 'S2'], 'the enum');
    assert.equal(items.minItems, 1, 'at least one citation');
    assert.ok('output' in parseOutput(schema, '{"sentences":[{"text":"Ja.","citations":["S2"]}],"notFound":[]}'), 'valid output');
    const wrong = parseOutput(schema, '{"sentences":[{"text":"Ja.","citations":["S3"]}],"notFound":[]}');
    assert.ok('error' in wrong && wrong.error === 'schema-mismatch', 'a citation outside the enum');
    const none = parseOutput(schema, '{"sentences":[{"text":"Ja.","citations":[]}],"notFound":[]}');
    assert.ok('error' in none && none.error === 'schema-mismatch', 'no citation');
    const broken = parseOutput(schema, '{"sentences":[');
    assert.ok('error' in broken && broken.error === 'invalid-json', 'not JSON');
    assert.notEqual(schemaHash(schema), schemaHash(buildAnswerSchema(['S1'])), 'the hash follows the ids');
    assert.throws(() => buildAnswerSchema([]), RangeError, 'no passages, no schema');
  });
});
