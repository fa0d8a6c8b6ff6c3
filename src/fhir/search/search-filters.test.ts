/** DB tests of search filters by parameter type and modifier (https://hl7.org/fhir/R4/search.html#ptypes), on every store. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../../db/index.ts';
import { STORES } from '../../../test/support/stores.ts';
import { BASE, ids, loadFixtures } from './test-fixtures.ts';

for (const store of STORES) {
  describe(`search filters (${store.name})`, () => {
    let db: Db;
    before(async () => {
      db = await store.open();
      await loadFixtures(db);
    });
    after(() => db.close());
    const expect = async (type: string, query: string, expected: string[]) => assert.deepEqual(await ids(db, type, query), expected, `${type}?${query}`);

    test('_id and deleted rows', async () => {
      await expect('Patient', '_id=p1', ['p1']);
      await expect('Patient', '_id=p1,p3,nope', ['p1', 'p3']);
      await expect('Patient', '_id=pdel', []);
    });

    test('string: prefix, case and accent insensitive; :exact; :contains; OR and AND', async () => {
      await expect('Patient', 'name=sør', ['p1']);
      await expect('Patient', 'name=SØRENSEN', ['p1']);
      await expect('Patient', 'name=helene', ['p3']);
      await expect('Patient', 'name=muller', ['p3']);
      await expect('Patient', 'name=ase', []); // å is a letter of its own
      await expect('Patient', 'name=åse', ['p1']);
      await expect('Patient', 'name=ørensen', []);
      await expect('Patient', 'name:contains=ørens', ['p1']);
      await expect('Patient', 'name:exact=Sørensen', ['p1']);
      await expect('Patient', 'name:exact=sørensen', []);
      await expect('Patient', 'family=hansen,müller', ['p2', 'p3']);
      await expect('Patient', 'given=jens&given=peter', ['p2']);
      await expect('Patient', 'given=jens&given=åse', []);
      await expect('Patient', 'name=jens peter', ['p2']);
      await expect('Patient', 'name:contains=%25', []); // a literal % is not a wildcard
    });

    test('token: code, system|code, |code, system|, :not, :text, boolean', async () => {
      await expect('Patient', 'gender=female', ['p1', 'p3']);
      await expect('Patient', 'identifier=111', ['p1', 'p3']);
      await expect('Patient', 'identifier=urn:sys1|111', ['p1']);
      await expect('Patient', 'identifier=urn:sys1|', ['p1', 'p2']);
      await expect('Patient', 'identifier=|nosys', ['p3']);
      await expect('Patient', 'identifier=|111', []);
      await expect('Observation', 'code=http://loinc.org|8480-6', ['ob1', 'ob3']);
      await expect('Observation', 'code=http://loinc.org|8480-6,local', ['ob1', 'ob3', 'ob4']);
      await expect('Observation', 'code:not=http://loinc.org|8480-6', ['ob2', 'ob4']);
      await expect('Patient', 'gender:not=female', ['p2']);
      await expect('Observation', 'code:text=diastolic', ['ob2']);
      await expect('Observation', 'code:text=blood', ['ob1', 'ob2']);
      await expect('Observation', 'code:text=local', ['ob4']);
      await expect('Patient', 'active=true', ['p1']);
      await expect('Patient', 'active=false', ['p2']);
      await expect('Patient', 'phone=1234', ['p1']);
      await expect('Patient', '_tag=urn:tag|vip', ['p1']);
    });

    test('date: precisions and all prefixes', async () => {
      await expect('Patient', 'birthdate=1970', ['p1']);
      await expect('Patient', 'birthdate=1970-03', ['p1']);
      await expect('Patient', 'birthdate=1970-03-15', ['p1']);
      await expect('Patient', 'birthdate=1970-03-16', []);
      await expect('Patient', 'birthdate=1980-05-05', []); // 1980 is wider than the day: not eq
      await expect('Patient', 'birthdate=ne1980', ['p1', 'p3']);
      await expect('Patient', 'birthdate=gt1980', ['p3']);
      await expect('Patient', 'birthdate=ge1980', ['p2', 'p3']);
      await expect('Patient', 'birthdate=lt1980', ['p1']);
      await expect('Patient', 'birthdate=le1980', ['p1', 'p2']);
      await expect('Patient', 'birthdate=gt1980-06', ['p2', 'p3']); // 1980 extends above June 1980
      await expect('Patient', 'birthdate=sa1980-06', ['p3']);
      await expect('Patient', 'birthdate=eb1980-06', ['p1']);
      await expect('Patient', 'birthdate=ap1970-03-14', ['p1']);
      await expect('Patient', 'birthdate=ap1950', []);
      await expect('Patient', 'birthdate=ge1970&birthdate=lt1985', ['p1', 'p2']);
      await expect('Observation', 'date=2021-01-01T10:00:00Z', ['ob1']);
      await expect('Observation', 'date=2021-01-01T11:00:00%2B01:00', ['ob1']);
      await expect('Observation', 'date=2021-01-01T11:00:00+01:00', ['ob1']); // an unencoded + arrives as a space
      await expect('Observation', 'date=2021', ['ob1', 'ob2']);
      await expect('Observation', 'date=2020-01', ['ob3']); // the period lies within January
      await expect('Observation', 'date=2020-01-15', []); // the period is wider than the day
      await expect('Observation', 'date=ge2020-01-15', ['ob1', 'ob2', 'ob3', 'ob4']);
      await expect('Observation', 'date=lt2020-01-15', ['ob3']);
      await expect('Observation', 'date=sa2021-06-15', ['ob4']);
    });

    test('_lastUpdated', async () => {
      await expect('Patient', '_lastUpdated=2024-01-02', ['p1']);
      await expect('Patient', '_lastUpdated=gt2024-01-02T12:00:00Z', ['p2', 'p3']);
      await expect('Patient', '_lastUpdated=le2024-01-03', ['p1', 'p2']);
    });

    test('number: precision and prefixes', async () => {
      await expect('RiskAssessment', 'probability=0.25', ['ra1']);
      await expect('RiskAssessment', 'probability=0.2', []); // [0.15, 0.25) excludes 0.25
      await expect('RiskAssessment', 'probability=0.3', ['ra1']); // [0.25, 0.35)
      await expect('RiskAssessment', 'probability=gt0.5', ['ra2']);
      await expect('RiskAssessment', 'probability=le0.8', ['ra1', 'ra2']);
      await expect('RiskAssessment', 'probability=lt0.8', ['ra1']);
      await expect('RiskAssessment', 'probability=ne0.25', ['ra2']);
      await expect('RiskAssessment', 'probability=ap0.75', ['ra2']);
    });

    test('quantity: value, value|system|code, value||unit, prefixes', async () => {
      await expect('Observation', 'value-quantity=120', ['ob1']);
      await expect('Observation', 'value-quantity=140.5|http://unitsofmeasure.org|mm[Hg]', ['ob3']);
      await expect('Observation', 'value-quantity=gt100|http://unitsofmeasure.org|mm[Hg]', ['ob1', 'ob3']);
      await expect('Observation', 'value-quantity=gt100|http://other|mm[Hg]', []);
      await expect('Observation', 'value-quantity=5.4||mg', ['ob4']);
      await expect('Observation', 'value-quantity=5.4||mm[Hg]', []);
      await expect('Observation', 'value-quantity=le80', ['ob2', 'ob4']);
      await expect('Observation', 'value-quantity=ap130', ['ob1', 'ob3']);
    });

    test('reference: id, Type/id, absolute URL, :Type, chains, _has', async () => {
      await expect('Observation', 'subject=Patient/p1', ['ob1', 'ob2']);
      await expect('Observation', 'subject=p1', ['ob1', 'ob2']);
      await expect('Observation', 'subject:Patient=p2', ['ob3']);
      await expect('Observation', `subject=${BASE}/Patient/p3`, ['ob4']);
      await expect('Observation', 'patient=Patient/p1,Patient/p3', ['ob1', 'ob2', 'ob4']);
      await expect('Patient', 'organization=Organization/o2', ['p2']); // stored as an absolute URL on our base
      await expect('Patient', `organization=${BASE}/Organization/o1`, ['p1']);
      await expect('Observation', 'subject:Patient.identifier=urn:sys1|222', ['ob3']);
      await expect('Observation', 'subject:Patient.identifier=urn:sys1|999', []);
      await expect('Observation', 'patient.name=sørensen', ['ob1', 'ob2']);
      await expect('Observation', 'subject.name=müller', ['ob4']);
      await expect('Observation', 'patient.organization.name=odense', ['ob3']); // two levels
      await expect('Patient', '_has:Observation:patient:code=8462-4', ['p1']);
      await expect('Patient', '_has:Observation:subject:status=final', ['p1', 'p2']);
    });

    test('uri: exact, :below, :above', async () => {
      await expect('Questionnaire', 'url=http://example.org/fhir/Questionnaire/phq9', ['q1']);
      await expect('Questionnaire', 'url=http://example.org/fhir/Questionnaire', []);
      await expect('Questionnaire', 'url:below=http://example.org/fhir', ['q1', 'q2']);
      await expect('Questionnaire', 'url:above=http://other.org/q/child', ['q3']);
    });

    test(':missing on every type', async () => {
      await expect('Patient', 'active:missing=true', ['p3']);
      await expect('Patient', 'active:missing=false', ['p1', 'p2']);
      await expect('Patient', 'organization:missing=true', ['p3']);
      await expect('Patient', 'birthdate:missing=false', ['p1', 'p2', 'p3']);
      await expect('Patient', 'phone:missing=false', ['p1']);
      await expect('Patient', 'address-city:missing=true', ['p1', 'p2', 'p3']);
      await expect('Observation', 'value-quantity:missing=false', ['ob1', 'ob2', 'ob3', 'ob4']);
      await expect('RiskAssessment', 'probability:missing=true', []);
      await expect('Questionnaire', 'url:missing=false', ['q1', 'q2', 'q3']);
    });
  });
}
