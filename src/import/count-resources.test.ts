/** countResourcesByType on the shared Synthea set: the figures of reference/fhir-platform.md §7 after de-duplication. */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { countResourcesByType, discoverFiles, splitAdministrative } from './index.ts';

const SYNTHEA = fileURLToPath(new URL('../../../shared/data/synthea-r4', import.meta.url));
const skip = existsSync(SYNTHEA) ? false : 'shared/data/synthea-r4 is not present';

test('Synthea set: expected stored counts per type after de-duplication', { skip }, async () => {
  const counts = await countResourcesByType([SYNTHEA]);
  assert.deepEqual(counts, {
    AllergyIntolerance: 26,
    CarePlan: 231,
    Claim: 2998,
    Condition: 611,
    DiagnosticReport: 828,
    Encounter: 2464,
    ExplanationOfBenefit: 2464,
    Goal: 155,
    ImagingStudy: 32,
    Immunization: 972,
    MedicationRequest: 534,
    Observation: 11685,
    Organization: 65,
    Patient: 82,
    Practitioner: 102,
    Procedure: 1876,
  });
});

test('Synthea set: the practitioner bundle is the only administrative-only file and goes first', { skip }, async () => {
  const { files } = await discoverFiles([SYNTHEA]);
  assert.equal(files.length, 83);
  const { administrative, others } = await splitAdministrative(files);
  assert.deepEqual(administrative.map((f) => f.slice(SYNTHEA.length + 1)), ['practitionerInformation1559319163815.json']);
  assert.equal(others.length, 82);
});
