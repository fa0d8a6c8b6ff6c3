// FHIR NPM packages (https://confluence.hl7.org/display/FHIR/NPM+Package+Specification): folder and .tgz, install.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { c as createTar } from 'tar';
import type { Resource } from '@medplum/fhirtypes';
import { createValidator } from '../fhir/validation/index.ts';
import { SKIP_SHARED, STANDARDS } from '../fhir/validation/shared-standards.test-support.ts';
import { installPackage, readPackage } from './index.ts';

const tmp = mkdtempSync(join(tmpdir(), 'kerne-pkg-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** A tiny package: a profile requiring Patient.birthDate, a ValueSet, an example (left out) and a Patient (not kept). */
function writePackage(root: string): void {
  const dir = join(root, 'package');
  mkdirSync(join(dir, 'example'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'kerne.test.pkg', version: '0.0.1', dependencies: { 'hl7.fhir.r4.core': '4.0.1' } }));
  writeFileSync(join(dir, 'ValueSet-x.json'), JSON.stringify({ resourceType: 'ValueSet', url: 'http://kerne.test/ValueSet/x', status: 'active' }));
  writeFileSync(join(dir, 'Patient-p.json'), JSON.stringify({ resourceType: 'Patient', id: 'p' }));
  writeFileSync(join(dir, 'example', 'ValueSet-ex.json'), JSON.stringify({ resourceType: 'ValueSet', url: 'http://kerne.test/ValueSet/ex', status: 'active' }));
  writeFileSync(join(dir, 'notes.txt'), 'not JSON');
}

describe('readPackage', () => {
  const folder = join(tmp, 'folder');
  writePackage(folder);

  test('an unpacked folder with package/package.json keeps only top-level conformance resources', async () => {
    const pkg = await readPackage(folder);
    assert.equal(pkg.name, 'kerne.test.pkg');
    assert.equal(pkg.version, '0.0.1');
    assert.deepEqual(pkg.dependencies, { 'hl7.fhir.r4.core': '4.0.1' });
    assert.deepEqual(pkg.resources.map((r) => (r as { url?: string }).url), ['http://kerne.test/ValueSet/x']);
  });

  test('a .tgz reads the same', async () => {
    const file = join(tmp, 'pkg.tgz');
    await createTar({ gzip: true, file, cwd: folder }, ['package']);
    const pkg = await readPackage(file);
    assert.equal(pkg.name, 'kerne.test.pkg');
    assert.deepEqual(pkg.resources.map((r) => r.resourceType), ['ValueSet']);
  });

  test('a missing path or a folder without package.json is a 400', async () => {
    await assert.rejects(readPackage(join(tmp, 'nope')), (e: { status?: number }) => e.status === 400);
    mkdirSync(join(tmp, 'empty'));
    await assert.rejects(readPackage(join(tmp, 'empty')), (e: { status?: number }) => e.status === 400);
  });

  test('the shared DK-core folder (package.json at the top) reads', { skip: SKIP_SHARED }, async () => {
    const pkg = await readPackage(join(STANDARDS, 'dk-core/profiles/3.7.0'));
    assert.equal(pkg.name, 'hl7.fhir.dk.core');
    assert.equal(pkg.version, '3.7.0');
    const types = new Set(pkg.resources.map((r) => r.resourceType));
    assert.deepEqual([...types].sort(), ['CodeSystem', 'NamingSystem', 'StructureDefinition', 'ValueSet']);
    assert.ok(!pkg.resources.some((r) => r.resourceType === ('ImplementationGuide' as string)));
  });
});

describe('installPackage', { skip: SKIP_SHARED }, () => {
  test('saves the resources and loads the profiles into the validator', async () => {
    const validator = createValidator();
    const saved: Resource[] = [];
    const result = await installPackage(join(STANDARDS, 'dk-core/profiles/3.7.0'), { validator, save: async (rs) => void saved.push(...rs) });
    assert.equal(saved.length, result.resources.length);
    assert.ok(saved.every((r) => r.id));
    assert.ok(validator.hasProfile('http://hl7.dk/fhir/core/StructureDefinition/dk-core-patient'));
    assert.ok(result.loaded.profiles.length >= 30);
  });

  test('a failing save leaves the validator unchanged', async () => {
    const validator = createValidator();
    await assert.rejects(
      installPackage(join(STANDARDS, 'dk-core/profiles/3.7.0'), { validator, save: async () => Promise.reject(new Error('disk full')) }),
      /disk full/,
    );
    assert.equal(validator.hasProfile('http://hl7.dk/fhir/core/StructureDefinition/dk-core-patient'), false);
  });

  test('loadConformance (server start) makes stored profiles effective', async () => {
    const { resources } = await readPackage(join(STANDARDS, 'dk-core/profiles/3.7.0'));
    const validator = createValidator();
    const patient = { resourceType: 'Patient', meta: { profile: ['http://hl7.dk/fhir/core/StructureDefinition/dk-core-patient'] }, identifier: [{ system: 'urn:oid:1.2.208.176.1.2', value: '123' }] } as Resource;
    validator.validate(patient); // unknown profile: accepted
    validator.loadConformance(resources);
    assert.throws(() => validator.validate(patient), (e: { status?: number }) => e.status === 422);
  });
});
