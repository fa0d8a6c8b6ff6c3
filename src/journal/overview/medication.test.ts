/** Aktuel medicin: active drugs with dose, route and frequency; a drug stopped in a later note is never shown active (flag + span); negated, hypothetical and earlier stops do not count. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MedicationRequest, MedicationStatement } from '@medplum/fhirtypes';
import { buildMedication, dosageText } from './medication.ts';
import { assertVerifies, daysAgo, input, note, stored } from './test-fixtures.ts';

const statement = (id: string, name: string, atc: string, start: string, dosage: MedicationStatement['dosage'], status: MedicationStatement['status'] = 'active'): MedicationStatement =>
  stored({ resourceType: 'MedicationStatement', status, subject: { reference: 'Patient/p1' }, medicationCodeableConcept: { coding: [{ system: 'http://www.whocc.no/atc', code: atc, display: name }], text: name }, dateAsserted: start, dosage }, id);
const marevan = statement('m1', 'Marevan', 'B01AA03', daysAgo(100), [{ text: 'T. Marevan efter INR' }]);
const metformin = statement('m2', 'Metformin', 'A10BA02', daysAgo(100), [{ doseAndRate: [{ doseQuantity: { value: 500, unit: 'mg' } }], route: { text: 'oralt' }, timing: { repeat: { frequency: 2, period: 1, periodUnit: 'd' } } }]);

describe('buildMedication', () => {
  test('dose, route and frequency as structured', () => {
    assert.equal(dosageText(metformin.dosage![0]), '500 mg oralt 2 gange pr. dag', 'built from the parts');
    const items = buildMedication(input({ medicationStatements: [metformin, statement('m3', 'Furix', 'C03CA01', daysAgo(50), [{ text: 'Furix 40 mg x 1' }], 'stopped')] }));
    assert.deepEqual(items.map((i) => i.text), ['Metformin 500 mg oralt 2 gange pr. dag'], 'the stopped statement is not listed');
    assert.deepEqual(items[0]!.citations, [{ kind: 'resource', resourceType: 'MedicationStatement', id: 'm2', versionId: '1' }], 'cited');
  });

  test('"Marevan seponeres" in a note later than the list: not active, flagged with the note\'s date and cited', () => {
    const stop = note('n1', 'Plan:\nMarevan seponeres pga. blødning. Opstart af Eliquis 5 mg x 2.', '2026-03-10T09:00:00Z');
    const items = buildMedication(input({ medicationStatements: [marevan, metformin], documents: [stop] }));
    const m = items.find((i) => i.text.includes('Marevan'))!;
    assert.equal(m.assertion, 'historical', 'not shown as active: given before, not now');
    assert.deepEqual(m.flags, ['Seponeret i notat 10.03.2026'], 'flagged with the note date');
    assertVerifies(m.citations[1]!, stop, 'Marevan seponeres pga. blødning.');
    assert.equal(items.at(-1), m, 'after the active drugs');
    assert.equal(items.find((i) => i.text.includes('Metformin'))!.assertion, undefined, 'the other drug stays active');
  });

  test('a negated or hypothetical stop, a stop older than the list, or a later restart leaves the drug active', () => {
    for (const text of ['Plan:\nMarevan seponeres ikke.', 'Plan:\nHvis blødning, seponeres Marevan.']) {
      const items = buildMedication(input({ medicationStatements: [marevan], documents: [note('n1', text, daysAgo(2))] }));
      assert.equal(items[0]!.assertion, undefined, `"${text}" does not stop it`);
    }
    const old = buildMedication(input({ medicationStatements: [marevan], documents: [note('n1', 'Plan:\nMarevan pauseret.', daysAgo(200))] }));
    assert.equal(old[0]!.assertion, undefined, 'a stop before the list\'s date is history');
    const restarted = buildMedication(input({ medicationStatements: [marevan], documents: [note('n1', 'Plan:\nMarevan pauseret.', daysAgo(20)), note('n2', 'Plan:\nMarevan genoptages.', daysAgo(5))] }));
    assert.equal(restarted[0]!.assertion, undefined, 'restarted later');
  });

  test('a statement and an order of the same drug are one item; no drugs: no items', () => {
    const order: MedicationRequest = stored({ resourceType: 'MedicationRequest', status: 'active', intent: 'order', subject: { reference: 'Patient/p1' }, medicationCodeableConcept: { coding: [{ system: 'http://www.whocc.no/atc', code: 'B01AA03' }], text: 'Marevan' }, authoredOn: daysAgo(3) }, 'r1');
    const items = buildMedication(input({ medicationStatements: [marevan], medicationRequests: [order] }));
    assert.equal(items.length, 1, 'one item');
    assert.equal(items[0]!.citations.length, 2, 'citing both');
    assert.deepEqual(buildMedication(input()), [], 'empty');
  });
});
