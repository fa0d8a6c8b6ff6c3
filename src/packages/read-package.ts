/**
 * Reads a FHIR NPM package (a .tgz, or a folder holding package.json directly or under package/) and keeps
 * its conformance resources.
 * @see https://confluence.hl7.org/display/FHIR/NPM+Package+Specification
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { t as listTar, type ReadEntry } from 'tar';
import type { Resource } from '@medplum/fhirtypes';
import { badRequest } from '../errors/index.ts';

export const PACKAGE_RESOURCE_TYPES = ['StructureDefinition', 'ValueSet', 'CodeSystem', 'SearchParameter', 'ConceptMap', 'NamingSystem'] as const;

export interface FhirPackage {
  readonly name: string;
  readonly version: string;
  /** package.json dependencies (package name → version). */
  readonly dependencies: Readonly<Record<string, string>>;
  /** The package's conformance resources, in file-name order. */
  readonly resources: Resource[];
}

const KEEP = new Set<string>(PACKAGE_RESOURCE_TYPES);

export async function readPackage(path: string): Promise<FhirPackage> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw badRequest(`Package not found: ${path}`);
  const files = info.isDirectory() ? await readFolder(path) : await readTarball(path);
  const manifest = files.get('package.json');
  if (!manifest) throw badRequest(`Not a FHIR package (no package.json): ${path}`);
  const pkg = parse(manifest, 'package.json') as { name?: unknown; version?: unknown; dependencies?: Record<string, string> };
  if (typeof pkg.name !== 'string' || typeof pkg.version !== 'string') throw badRequest(`package.json of ${path} has no name or version`);
  const resources: Resource[] = [];
  for (const name of [...files.keys()].sort()) {
    if (name === 'package.json' || name.includes('/') || !name.endsWith('.json')) continue;
    const r = parse(files.get(name)!, name) as Resource | undefined;
    if (r && typeof r === 'object' && KEEP.has(r.resourceType)) resources.push(r);
  }
  return { name: pkg.name, version: pkg.version, dependencies: pkg.dependencies ?? {}, resources };
}

function parse(text: string, name: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    throw badRequest(`Package file ${name} is not valid JSON`);
  }
}

/** Top-level JSON files of the package folder (package/ if present), by name. */
async function readFolder(dir: string): Promise<Map<string, string>> {
  const inner = join(dir, 'package');
  const root = (await stat(join(inner, 'package.json')).catch(() => undefined)) ? inner : dir;
  const files = new Map<string, string>();
  for (const name of await readdir(root)) {
    if (name.endsWith('.json')) files.set(name, await readFile(join(root, name), 'utf8'));
  }
  return files;
}

/** JSON files directly under package/ in the tarball (examples and other subfolders are left out), by name. */
async function readTarball(file: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  await listTar({
    file,
    onReadEntry: (entry: ReadEntry) => {
      const rel = entry.path.replace(/^\.?\/?package\//, '');
      if (entry.type !== 'File' || rel === entry.path || rel.includes('/') || !rel.endsWith('.json')) {
        entry.resume();
        return;
      }
      const chunks: Buffer[] = [];
      entry.on('data', (c: Buffer) => chunks.push(c));
      entry.on('end', () => files.set(rel, Buffer.concat(chunks).toString('utf8')));
    },
  });
  return files;
}
