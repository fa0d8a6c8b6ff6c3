/** The demo population: deterministic, fictitious CPR numbers, references inside the Bundle, valid FHIR R4. */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { validateResource } from '@medplum/core';
import type { Bundle, Patient, Resource } from '@medplum/fhirtypes';
import { loadFhirDefinitions } from '../fhir/definitions/index.ts';
import { birthDateOf, DEMO_PATIENTS, DEMO_TAG, generateDemoPopulation, genderOf, satisfiesModulus11 } from './index.ts';
import { referencesIn } from '../../test/support/references.ts';

const CPR = 'urn:oid:1.2.208.176.1.2';
const resources = (b: Bundle) => (b.entry ?? []).map((e) => e.resource as Resource);
const patients = (b: Bundle) => resources(b).filter((r): r is Patient => r.resourceType === 'Patient');

describe('generateDemoPopulation', () => {
  const bundle = generateDemoPopulation({ seed: 42, patients: DEMO_PATIENTS });

  test('is deterministic for a seed and differs between seeds', () => {
    assert.deepEqual(generateDemoPopulation({ seed: 42, patients: DEMO_PATIENTS }), bundle, 'the same seed gives the same Bundle');
    assert.notDeepEqual(generateDemoPopulation({ seed: 43, patients: DEMO_PATIENTS }), bundle, 'another seed gives another Bundle');
  });

  test('is a transaction of POSTs with unique urn:uuid fullUrls; the hospital and clinicians are conditional creates', () => {
    assert.equal(bundle.type, 'transaction', 'a transaction Bundle');
    const urls = bundle.entry!.map((e) => e.fullUrl!);
    for (const u of urls) assert.match(u, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, `fullUrl ${u} is a urn:uuid`);
    assert.equal(new Set(urls).size, urls.length, 'fullUrls are unique');
    for (const e of bundle.entry!) assert.deepEqual([e.request!.method, e.request!.url], ['POST', e.resource!.resourceType], `${e.fullUrl} is a POST to its type`);
    const org = bundle.entry!.find((e) => e.resource!.resourceType === 'Organization')!;
    assert.equal((org.resource as { name?: string }).name, 'Demo Sygehus', 'the first Organization is the hospital');
    assert.match(org.request!.ifNoneExist!, /^identifier=urn:oid:1\.2\.208\.176\.1\.1\|\d{11,}$/, 'the hospital is a conditional create on its SOR number');
    assert.ok(bundle.entry!.filter((e) => e.resource!.resourceType === 'Practitioner').every((e) => e.request!.ifNoneExist), 'clinicians are conditional creates');
    const conditional = bundle.entry!.filter((e) => e.request!.ifNoneExist).map((e) => e.resource!.resourceType);
    assert.deepEqual([...new Set(conditional)].sort(), ['Device', 'Organization', 'Practitioner', 'Questionnaire'], 'only the hospital, its units, the GP practices and home-care units, the clinicians, the bed monitors (by EUI-64) and the PRO questionnaire (by url) are conditional creates');
  });

  test('has the asked number of patients with Danish names, addresses and the demo tag on every resource', () => {
    assert.equal(patients(bundle).length, DEMO_PATIENTS, 'one Patient per asked patient');
    for (const r of resources(bundle)) assert.ok(r.meta?.tag?.some((t) => t.system === DEMO_TAG.system && t.code === DEMO_TAG.code), `${r.resourceType} has the demo tag`);
    for (const p of patients(bundle)) {
      assert.ok(p.name?.[0]?.family && p.name[0].given?.length, 'a family and a given name');
      assert.match(p.address?.[0]?.postalCode ?? '', /^\d{4}$/, 'a Danish postal code');
      assert.equal(p.address?.[0]?.country, 'DK', 'an address in Denmark');
    }
    assert.ok(patients(bundle).some((p) => /[æøåÆØÅ]/.test(`${p.name![0]!.given!.join(' ')} ${p.name![0]!.family}`)), 'some names have æ, ø or å');
    assert.equal(generateDemoPopulation({ seed: 1, patients: 3 }).entry!.filter((e) => e.resource!.resourceType === 'Patient').length, 3, 'a population of 3');
  });

  test('CPR numbers: 10 digits, fail modulus 11, match birth date and gender, unique', () => {
    const cprs = patients(bundle).map((p) => {
      const cpr = p.identifier!.find((i) => i.system === CPR)!.value!;
      assert.match(cpr, /^\d{10}$/, `${cpr}: 10 digits`);
      assert.equal(satisfiesModulus11(cpr), false, `${cpr} fails modulus 11, so it cannot be a real person's`);
      assert.equal(birthDateOf(cpr), p.birthDate, `${cpr} encodes the birth date`);
      assert.equal(genderOf(cpr), p.gender, `${cpr}: last digit odd = male, even = female`);
      assert.notEqual(p.birthDate!.slice(5), '01-01', `${cpr}: not born 1 January`);
      const year = Number(p.birthDate!.slice(0, 4));
      assert.ok(year >= 1930 && year <= 2005, `${cpr}: born 1930–2005`);
      return cpr;
    });
    assert.equal(new Set(cprs).size, cprs.length, 'CPR numbers are unique');
  });

  test('every reference resolves to an entry of the Bundle', () => {
    const urls = new Set(bundle.entry!.map((e) => e.fullUrl));
    const refs = resources(bundle).flatMap((r) => referencesIn(r));
    assert.ok(refs.length > 1000, `${refs.length} references`);
    for (const ref of refs) assert.ok(urls.has(ref), `${ref} is an entry of the Bundle`);
  });

  test('clinical content: encounter classes, SKS diagnoses, LOINC vitals with UCUM, NPU labs, allergies, current admissions', () => {
    const all = resources(bundle);
    const classes = new Set(all.flatMap((r) => (r.resourceType === 'Encounter' ? [r.class.code] : [])));
    assert.deepEqual([...classes].sort(), ['AMB', 'EMER', 'IMP'], 'ambulatory, emergency and inpatient contacts');
    assert.ok(all.some((r) => r.resourceType === 'Encounter' && r.status === 'in-progress'), 'current admissions');
    const conditions = all.filter((r) => r.resourceType === 'Condition');
    assert.ok(conditions.length > 0, 'diagnoses');
    for (const c of conditions) {
      assert.match(c.code!.coding![0]!.code!, /^D[A-Z]\d{2,4}$/, 'an SKS diagnosis code');
      assert.equal(c.code!.coding![0]!.system, 'urn:oid:1.2.208.176.2.4', 'in the SKS system');
    }
    const codes = new Set(all.flatMap((r) => (r.resourceType === 'Observation' ? r.code.coding!.map((c) => `${c.system}|${c.code}`) : [])));
    for (const c of ['8867-4', '9279-1', '59408-5', '8310-5', '85354-9']) assert.ok(codes.has(`http://loinc.org|${c}`), `LOINC ${c}`);
    assert.ok(codes.has('urn:oid:1.2.208.176.2.1|NPU02319'), 'NPU haemoglobin');
    const bp = all.find((r) => r.resourceType === 'Observation' && r.code.coding![0]!.code === '85354-9');
    assert.deepEqual(bp?.resourceType === 'Observation' && bp.component!.map((c) => [c.code.coding![0]!.code, c.valueQuantity!.code]), [
      ['8480-6', 'mm[Hg]'],
      ['8462-4', 'mm[Hg]'],
    ], 'blood pressure panel with systolic and diastolic components in mm[Hg]');
    assert.ok(all.some((r) => r.resourceType === 'AllergyIntolerance'), 'some allergies');
  });

  test('codes with required bindings use values from their value sets', () => {
    const allowed = (value: string | undefined, codes: string, what: string) => assert.ok(value !== undefined && codes.split(' ').includes(value), `${what}: ${value}`);
    const codeOf = (cc: { coding?: { code?: string }[] } | undefined) => cc?.coding?.[0]?.code;
    for (const r of resources(bundle)) {
      switch (r.resourceType) {
        case 'Patient':
          allowed(r.gender, 'male female other unknown', 'Patient.gender');
          allowed(r.address?.[0]?.use, 'home work temp old billing', 'Address.use');
          allowed(r.address?.[0]?.type, 'postal physical both', 'Address.type');
          allowed(r.name?.[0]?.use, 'usual official temp nickname anonymous old maiden', 'HumanName.use');
          allowed(r.identifier?.[0]?.use, 'usual official temp secondary old', 'Identifier.use');
          break;
        case 'Practitioner':
          allowed(r.gender, 'male female other unknown', 'Practitioner.gender');
          break;
        case 'Encounter':
          allowed(r.status, 'planned arrived triaged in-progress onleave finished cancelled entered-in-error unknown', 'Encounter.status');
          assert.equal(r.class.system, 'http://terminology.hl7.org/CodeSystem/v3-ActCode', 'Encounter.class is a v3 ActCode');
          for (const l of r.location ?? []) allowed(l.status, 'planned active reserved completed', 'Encounter.location.status');
          break;
        case 'Location':
          allowed(r.status, 'active suspended inactive', 'Location.status');
          allowed(r.mode, 'instance kind', 'Location.mode');
          break;
        case 'Task':
          allowed(r.status, 'draft requested received accepted rejected ready cancelled in-progress on-hold failed completed entered-in-error', 'Task.status');
          allowed(r.intent, 'unknown proposal plan order original-order reflex-order filler-order instance-order option', 'Task.intent');
          allowed(r.priority, 'routine urgent asap stat', 'Task.priority');
          break;
        case 'CareTeam':
          allowed(r.status, 'proposed active suspended inactive entered-in-error', 'CareTeam.status');
          break;
        case 'Flag':
          allowed(r.status, 'active inactive entered-in-error', 'Flag.status');
          break;
        case 'ServiceRequest':
          allowed(r.status, 'draft active on-hold revoked completed entered-in-error unknown', 'ServiceRequest.status');
          allowed(r.intent, 'proposal plan directive order original-order reflex-order filler-order instance-order option', 'ServiceRequest.intent');
          break;
        case 'Condition':
          allowed(codeOf(r.clinicalStatus), 'active recurrence relapse inactive remission resolved', 'Condition.clinicalStatus');
          allowed(codeOf(r.verificationStatus), 'unconfirmed provisional differential confirmed refuted entered-in-error', 'Condition.verificationStatus');
          break;
        case 'Observation':
          allowed(r.status, 'registered preliminary final amended corrected cancelled entered-in-error unknown', 'Observation.status');
          for (const q of [r.valueQuantity, ...(r.component ?? []).map((c) => c.valueQuantity)]) if (q) assert.equal(q.system, 'http://unitsofmeasure.org', 'quantities in UCUM');
          break;
        case 'AllergyIntolerance':
          allowed(codeOf(r.clinicalStatus), 'active inactive resolved', 'AllergyIntolerance.clinicalStatus');
          allowed(codeOf(r.verificationStatus), 'unconfirmed confirmed refuted entered-in-error', 'AllergyIntolerance.verificationStatus');
          allowed(r.type, 'allergy intolerance', 'AllergyIntolerance.type');
          for (const c of r.category ?? []) allowed(c, 'food medication environment biologic', 'AllergyIntolerance.category');
          allowed(r.criticality, 'low high unable-to-assess', 'AllergyIntolerance.criticality');
          break;
      }
    }
  });

  describe('validation', () => {
    before(() => {
      loadFhirDefinitions();
    });
    test('every resource passes @medplum/core validateResource', () => {
      for (const r of resources(bundle)) {
        try {
          validateResource(r);
        } catch (err) {
          assert.fail(`${r.resourceType}: ${JSON.stringify((err as { outcome?: unknown }).outcome ?? String(err))}`);
        }
      }
    });
  });
});
