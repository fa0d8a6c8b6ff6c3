// MedCom FHIR messaging IGs (https://medcomfhir.dk/ig/): official examples validate against the pinned package chain; broken copies → 422.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { Bundle, MessageHeader, Resource } from '@medplum/fhirtypes';
import type { Validator } from './index.ts';
import { SKIP_SHARED, STANDARDS, dependencyChain, jsonFiles, problems, validatorWith } from './shared-standards.test-support.ts';

const IGS = [
  { ig: 'carecommunication', version: '5.0.2' },
  { ig: 'hospitalnotification', version: '3.0.2' },
  { ig: 'acknowledgement', version: '2.0.3' },
];

/** Official examples that legitimately fail against the IG's pinned packages, with the reason. */
const KNOWN_INVALID: Record<string, RegExp> = {
  // The 2023 test script uses issue-details code message-development-error of terminology 1.1.1; acknowledgement 2.0.3
  // pins terminology 1.4.0, whose ValueSet no longer has it.
  'acknowledgement/examples/testscripts-2023/Binary-Ack-AE_C.json': /message-development-error.*medcom-acknowledgement-issue-details/,
};
// Not listed, and validating: carecommunication testprotocol-receive/Bundle-R-Tek-O-invalid. The test protocol calls it invalid
// ("missing valid Communication.category"), but its category examination-results is in the pinned ValueSet
// medcom-careCommunication-categories 1.9.0 (terminology 2.0.1): the rule it breaks is not in the conformance resources.

describe('MedCom messaging profiles', { skip: SKIP_SHARED }, () => {
  for (const { ig, version } of IGS) {
    describe(`${ig} ${version}`, () => {
      let validator: Validator;
      const chain = SKIP_SHARED ? { folders: [], missing: [] } : dependencyChain(join(STANDARDS, 'medcom', ig, 'profiles', version));
      before(async () => {
        validator = await validatorWith(chain.folders);
      });

      test('the pinned dependency chain is installed', () => {
        assert.ok(chain.folders.some((f) => f.includes('dk-core')), chain.folders.join(', '));
        assert.ok(chain.missing.every((m) => m.startsWith('hl7.fhir.') || m.startsWith('hl7.terminology')), chain.missing.join(', '));
      });

      const examplesDir = join(STANDARDS, 'medcom', ig, 'examples');
      const folders = existsSync(examplesDir) ? readdirSync(examplesDir).sort() : [];
      for (const folder of folders) {
        test(`every JSON example in ${folder} that claims a loaded profile validates`, () => {
          const examples = jsonFiles(join(examplesDir, folder)).filter((x) => x.resource.meta?.profile?.some((p) => validator.hasProfile(p)));
          for (const { file, resource } of examples) {
            const key = `${ig}/examples/${folder}/${file}`;
            const p = problems(validator, resource);
            if (KNOWN_INVALID[key]) {
              assert.equal(p.status, 422, `${key} is listed as invalid but validated`);
              assert.ok(p.lines.some((l) => KNOWN_INVALID[key]!.test(l)), p.lines.join('\n'));
            } else assert.deepEqual(p.lines, [], key);
          }
        });
      }
    });
  }

  describe('broken copies are rejected with 422', () => {
    let hn: Validator;
    let bundle: Bundle;
    before(async () => {
      hn = await validatorWith(dependencyChain(join(STANDARDS, 'medcom/hospitalnotification/profiles/3.0.2')).folders);
      bundle = jsonFiles(join(STANDARDS, 'medcom/hospitalnotification/examples/ig-3.0.2'))[0]!.resource as Bundle;
    });
    const header = (b: Bundle) => b.entry!.map((e) => e.resource).find((r): r is MessageHeader => r?.resourceType === 'MessageHeader')!;
    const rejected = (r: Resource, pattern: RegExp) => {
      const p = problems(hn, r);
      assert.equal(p.status, 422, p.lines.join('\n'));
      assert.ok(p.lines.some((l) => pattern.test(l)), p.lines.join('\n'));
    };

    test('the unbroken message validates', () => assert.deepEqual(problems(hn, bundle).lines, []));

    test('MessageHeader.eventCoding with a code outside the MedCom message types', () => {
      const copy = structuredClone(bundle);
      header(copy).eventCoding!.code = 'not-a-message-type';
      rejected(copy, /eventCoding\.code: Value .*not-a-message-type.* is not in the required ValueSet .*medcom-messaging-messageTypes/);
    });

    test('Patient with a malformed CPR number', () => {
      const copy = structuredClone(bundle);
      const patient = copy.entry!.find((e) => e.resource?.resourceType === 'Patient')!.resource as { identifier: { value: string }[] };
      patient.identifier[0]!.value = '9999999999';
      rejected(copy, /identifier\[0\]\.value: Constraint cpr/);
    });

    test('Encounter without its required status', () => {
      const copy = structuredClone(bundle);
      const encounter = copy.entry!.find((e) => e.resource?.resourceType === 'Encounter')!.resource as { status?: string };
      delete encounter.status;
      const p = problems(hn, copy);
      assert.ok(p.status === 400 || p.status === 422, p.lines.join('\n'));
      assert.ok(p.lines.some((l) => /Encounter|resource\.status|entry\[\d+\]\.resource/.test(l)), p.lines.join('\n'));
    });
  });
});
