/**
 * Test support: locates /work/shared standards (../shared from the repository) and resolves an IG package's
 * pinned dependency chain to the package folders present there.
 * @see https://confluence.hl7.org/display/FHIR/NPM+Package+Specification (dependencies)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Resource } from '@medplum/fhirtypes';
import { readPackage } from '../../packages/index.ts';
import { createValidator, type Validator } from './index.ts';

export const SHARED = new URL('../../../../shared/', import.meta.url).pathname;
export const STANDARDS = join(SHARED, 'standards');
export const hasShared = existsSync(join(STANDARDS, 'SOURCES.md'));
export const SKIP_SHARED = hasShared ? false : `../shared (${SHARED}) is absent: shared-standards tests skipped`;

/** Folder of a package version under standards/, if present. */
export function packageFolder(name: string, version: string): string | undefined {
  const rel = name === 'hl7.fhir.dk.core' ? 'dk-core' : name.startsWith('medcom.fhir.dk.') ? `medcom/${name.slice('medcom.fhir.dk.'.length)}` : undefined;
  const dir = rel && join(STANDARDS, rel, 'profiles', version);
  return dir && existsSync(join(dir, 'package.json')) ? dir : undefined;
}

const RANK = ['hl7.fhir.dk.core', 'medcom.fhir.dk.terminology', 'medcom.fhir.dk.core', 'medcom.fhir.dk.messaging', 'medcom.fhir.dk.messagedefinitions'];

/**
 * The package folders to install for an IG, dependencies first: the versions the IG pins, then (for names it
 * does not pin) the versions its dependencies pin. Returns also the pinned packages not present (HL7 base packages).
 */
export function dependencyChain(igFolder: string): { folders: string[]; missing: string[] } {
  const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; dependencies?: Record<string, string> };
  const top = manifest(igFolder);
  const pinned = new Map<string, string>(Object.entries(top.dependencies ?? {}));
  for (const [name, version] of [...pinned]) {
    const dir = packageFolder(name, version);
    for (const [n, v] of Object.entries(dir ? (manifest(dir).dependencies ?? {}) : {})) if (!pinned.has(n)) pinned.set(n, v);
  }
  const present = [...pinned].filter(([n, v]) => packageFolder(n, v));
  const rank = (n: string) => (RANK.includes(n) ? RANK.indexOf(n) : RANK.length);
  present.sort(([a], [b]) => rank(a) - rank(b));
  return {
    folders: [...present.map(([n, v]) => packageFolder(n, v)!), igFolder],
    missing: [...pinned].filter(([n, v]) => !packageFolder(n, v)).map(([n, v]) => `${n}#${v}`),
  };
}

/** A validator with the given package folders loaded, in order. */
export async function validatorWith(folders: string[]): Promise<Validator> {
  const validator = createValidator();
  for (const folder of folders) validator.loadConformance((await readPackage(folder)).resources);
  return validator;
}

/** JSON files of a folder, parsed, by file name. */
export function jsonFiles(dir: string): { file: string; resource: Resource }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, resource: JSON.parse(readFileSync(join(dir, file), 'utf8')) as Resource }));
}

/** The OperationOutcome issues of a validation, as `expression: text` lines (empty when valid). */
export function problems(validator: Validator, resource: Resource): { status?: number; lines: string[] } {
  try {
    validator.validate(resource);
    return { lines: [] };
  } catch (err) {
    const e = err as { status?: number; outcome?: { issue?: { expression?: string[]; details?: { text?: string } }[] } };
    return { status: e.status, lines: (e.outcome?.issue ?? []).map((i) => `${i.expression?.[0] ?? ''}: ${i.details?.text ?? ''}`) };
  }
}
