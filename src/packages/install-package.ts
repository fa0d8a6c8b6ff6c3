/**
 * Installs a FHIR NPM package: its conformance resources go into the validator and to the store.
 * @see https://hl7.org/fhir/R4/profiling.html
 */
import type { Resource } from '@medplum/fhirtypes';
import type { ConformanceLoadResult, Validator } from '../fhir/validation/index.ts';
import { readPackage, type FhirPackage } from './read-package.ts';

export interface InstallDeps {
  /** Stores the package's resources (the CLI passes a repository writer). */
  save(resources: Resource[]): Promise<void>;
  readonly validator: Validator;
}

export interface InstallResult extends FhirPackage {
  readonly loaded: ConformanceLoadResult;
}

/**
 * Reads the package, gives every resource a stable id when it has none (`<name>-<url tail>`), saves them,
 * then loads them into the validator (so a failed save leaves the validator unchanged).
 * Dependencies are not resolved: install them first, in dependency order.
 */
export async function installPackage(path: string, deps: InstallDeps): Promise<InstallResult> {
  const pkg = await readPackage(path);
  const resources = pkg.resources.map(withId);
  await deps.save(resources);
  const loaded = deps.validator.loadConformance(resources);
  return { ...pkg, resources, loaded };
}

function withId(r: Resource): Resource {
  if (r.id) return r;
  const url = (r as { url?: string }).url ?? '';
  const tail = url.split('/').pop()?.replace(/[^A-Za-z0-9\-.]/g, '-').slice(0, 64);
  return tail ? { ...r, id: tail } : r;
}
