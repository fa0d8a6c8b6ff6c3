/** Tests of search index extraction by parameter type (https://hl7.org/fhir/R4/search.html#ptypes). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Encounter, Observation, Patient, Questionnaire, QuestionnaireResponse } from '@medplum/fhirtypes';
import { extractIndexRows } from './extract-index-rows.ts';

const patient: Patient = {
  resourceType: 'Patient', id: 'p1', active: true, gender: 'female', birthDate: '1970-03',
  name: [{ family: 'Sørensen', given: ['Åse', 'Hélène'], prefix: ['Dr'] }],
  identifier: [{ system: 'urn:oid:1.2.208.176.1.2', value: '0101701234', type: { text: 'CPR' } }],
  telecom: [{ system: 'phone', value: '+45 1234' }, { system: 'email', value: 'a@b.dk' }],
  address: [{ line: ['Nørregade 1'], city: 'København', postalCode: '1165', country: 'DK' }],
  managingOrganization: { reference: 'Organization/o1' },
  generalPractitioner: [{ reference: 'http://other.example/fhir/Practitioner/pr1/_history/2' }, { reference: '#contained' }],
};

test('token: code, boolean, Identifier, ContactPoint', () => {
  const t = extractIndexRows(patient).token;
  assert.deepEqual(t.filter((r) => r.param === 'gender'), [{ param: 'gender', system: null, code: 'female', text: null }]);
  assert.deepEqual(t.filter((r) => r.param === 'active'), [{ param: 'active', system: null, code: 'true', text: null }]);
  assert.deepEqual(t.filter((r) => r.param === 'identifier'), [{ param: 'identifier', system: 'urn:oid:1.2.208.176.1.2', code: '0101701234', text: 'cpr' }]);
  assert.deepEqual(t.filter((r) => r.param === 'phone'), [{ param: 'phone', system: 'phone', code: '+45 1234', text: null }]);
  assert.deepEqual(t.filter((r) => r.param === 'email').map((r) => r.code), ['a@b.dk']);
  assert.equal(t.filter((r) => r.param === 'telecom').length, 2);
});

test('string: name parts, combined name, address parts; accents folded but æ ø å kept', () => {
  const s = extractIndexRows(patient).string;
  const names = s.filter((r) => r.param === 'name').map((r) => [r.norm, r.exact]);
  assert.deepEqual(names, [
    ['sørensen', 'Sørensen'], ['åse', 'Åse'], ['helene', 'Hélène'], ['dr', 'Dr'], ['dr åse helene sørensen', 'Dr Åse Hélène Sørensen'],
  ]);
  assert.deepEqual(s.filter((r) => r.param === 'given').map((r) => r.norm), ['åse', 'helene']);
  assert.deepEqual(s.filter((r) => r.param === 'address').map((r) => r.norm), ['nørregade 1', 'københavn', '1165', 'dk']);
  assert.deepEqual(s.filter((r) => r.param === 'address-city').map((r) => r.exact), ['København']);
});

test('date: partial date covers the whole month', () => {
  const d = extractIndexRows(patient).date;
  assert.deepEqual(d, [{ param: 'birthdate', lo: '1970-03-01T00:00:00.000Z', hi: '1970-03-31T23:59:59.999Z' }]);
});

test('reference: relative, absolute with _history stripped, contained skipped', () => {
  const r = extractIndexRows(patient).reference;
  assert.deepEqual(r.filter((x) => x.param === 'organization'), [{ param: 'organization', targetType: 'Organization', targetId: 'o1', url: null }]);
  assert.deepEqual(r.filter((x) => x.param === 'general-practitioner'), [
    { param: 'general-practitioner', targetType: 'Practitioner', targetId: 'pr1', url: 'http://other.example/fhir/Practitioner/pr1' },
  ]);
});

test('shared expressions only yield the type\'s own branch; CodeableConcept text; quantity with precision', () => {
  const obs: Observation = {
    resourceType: 'Observation', id: 'o1', status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '8480-6', display: 'Systolic' }], text: 'BP sys' },
    subject: { reference: 'Patient/p1' },
    effectivePeriod: { start: '2021-01-01T10:00:00+01:00' },
    valueQuantity: { value: 120.5, unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' },
  };
  const x = extractIndexRows(obs);
  assert.deepEqual(x.token.filter((r) => r.param === 'code'), [{ param: 'code', system: 'http://loinc.org', code: '8480-6', text: 'systolic' }]);
  assert.deepEqual(x.date.filter((r) => r.param === 'date'), [{ param: 'date', lo: '2021-01-01T09:00:00.000Z', hi: 'infinity' }]);
  assert.deepEqual(x.quantity.filter((r) => r.param === 'value-quantity'), [
    { param: 'value-quantity', value: '120.5', lo: '120.45', hi: '120.55', system: 'http://unitsofmeasure.org', code: 'mm[Hg]', unit: 'mmHg' },
  ]);
  assert.deepEqual(x.reference.filter((r) => r.param === 'patient'), [{ param: 'patient', targetType: 'Patient', targetId: 'p1', url: null }]);
  assert.deepEqual(x.reference.filter((r) => r.param === 'subject'), [{ param: 'subject', targetType: 'Patient', targetId: 'p1', url: null }]);
});

test('number and uri; canonical stored with and without version', () => {
  const enc: Encounter = { resourceType: 'Encounter', id: 'e1', status: 'finished', class: { code: 'AMB' }, length: { value: 100, unit: 'min' } };
  assert.deepEqual(extractIndexRows(enc).quantity.filter((r) => r.param === 'length'), [
    { param: 'length', value: '100', lo: '99.5', hi: '100.5', system: null, code: null, unit: 'min' },
  ]);
  const q: Questionnaire = { resourceType: 'Questionnaire', id: 'q', status: 'active', url: 'http://x.org/Questionnaire/q' };
  assert.deepEqual(extractIndexRows(q).uri, [{ param: 'url', value: 'http://x.org/Questionnaire/q' }]);
  const qr: QuestionnaireResponse = { resourceType: 'QuestionnaireResponse', id: 'r', status: 'completed', questionnaire: 'http://x.org/Questionnaire/q|2' };
  assert.deepEqual(extractIndexRows(qr).reference.filter((r) => r.param === 'questionnaire').map((r) => r.url), ['http://x.org/Questionnaire/q|2', 'http://x.org/Questionnaire/q']);
});

test('resource-level parameters: _tag, _profile; _id and _lastUpdated are not indexed', () => {
  const x = extractIndexRows({ ...patient, meta: { tag: [{ system: 's', code: 'c' }], profile: ['http://p'], lastUpdated: '2020-01-01T00:00:00Z' } });
  assert.deepEqual(x.token.filter((r) => r.param === '_tag'), [{ param: '_tag', system: 's', code: 'c', text: null }]);
  assert.deepEqual(x.uri.filter((r) => r.param === '_profile'), [{ param: '_profile', value: 'http://p' }]);
  assert.equal([...x.token, ...x.date].some((r) => r.param === '_id' || r.param === '_lastUpdated'), false);
});
