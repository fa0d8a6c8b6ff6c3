/**
 * Kerne's resource validator: R4 base definitions (via @medplum/core), required bindings, and the profiles
 * of installed IG packages named in meta.profile.
 * @see https://hl7.org/fhir/R4/validation.html
 */
import { OperationOutcomeError, parseStructureDefinition, validateResource } from '@medplum/core';
import type { OperationOutcomeIssue, Resource, StructureDefinition } from '@medplum/fhirtypes';
import { FhirError, IssueType } from '../../errors/index.ts';
import { isResourceType, loadFhirDefinitions } from '../definitions/index.ts';
import { checkBaseBindings } from './base-bindings.ts';
import { FhirJsonSchema } from './json-schema.ts';
import { isObject, type Node } from './json-nodes.ts';
import { checkProfile, type LoadedProfile } from './profile-check.ts';
import { prepareProfile, type SkippedInvariant } from './profile-preparation.ts';
import type { ResourceValidator } from './validator.ts';
import { canonicalUrl, Terminology } from './value-sets.ts';

export interface ValidatorOptions {
  /** Check required bindings against expanded ValueSets (default true). */
  readonly requiredBindings?: boolean;
  /**
   * 'fast' (default): the R4 JSON Schema (structure, types, cardinality, required codes) plus bindings;
   * 'full': also @medplum/core's validator, which evaluates the base FHIRPath invariants (about 3x slower).
   */
  readonly mode?: 'fast' | 'full';
}

export interface ConformanceLoadResult {
  /** Profiles (constraint StructureDefinitions) now known, by URL. */
  readonly profiles: string[];
  /** ValueSets and CodeSystems taken into the terminology. */
  readonly terminology: number;
  /** StructureDefinitions that could not be used, and why. */
  readonly skipped: { url: string; reason: string }[];
}

export interface Validator extends ResourceValidator {
  /** Loads StructureDefinitions (profiles), ValueSets and CodeSystems; other resources are ignored. Later loads replace earlier ones of the same URL. */
  loadConformance(resources: readonly Resource[]): ConformanceLoadResult;
  /** Whether a profile URL (version suffix ignored) is loaded and will be enforced. */
  hasProfile(url: string): boolean;
  /** Invariants of loaded profiles that are not enforced (resolve(), conformsTo()), for documentation and tests. */
  skippedInvariants(): SkippedInvariant[];
}

export function createValidator(options: ValidatorOptions = {}): Validator {
  loadFhirDefinitions();
  const terminology = new Terminology();
  const profiles = new Map<string, LoadedProfile>();
  const checkBindings = options.requiredBindings ?? true;
  const full = options.mode === 'full';
  const schema = new FhirJsonSchema();
  const skippedInvariants = new Map<string, SkippedInvariant[]>();

  function loadConformance(resources: readonly Resource[]): ConformanceLoadResult {
    terminology.add(resources);
    const loaded: string[] = [];
    const skipped: { url: string; reason: string }[] = [];
    for (const r of resources) {
      if (r.resourceType !== 'StructureDefinition' || !r.url) continue;
      const reason = unusable(r);
      if (reason) {
        skipped.push({ url: r.url, reason });
        continue;
      }
      try {
        const prepared = prepareProfile(r);
        const schema = parseStructureDefinition(prepared.sd);
        profiles.set(canonicalUrl(r.url), { sd: prepared.sd, schema, inner: new Map(schema.innerTypes.map((t) => [t.name, t])) });
        skippedInvariants.set(canonicalUrl(r.url), prepared.skipped);
        loaded.push(r.url);
      } catch (err) {
        skipped.push({ url: r.url, reason: (err as Error).message });
      }
    }
    return { profiles: loaded, terminology: resources.filter((r) => r.resourceType === 'ValueSet' || r.resourceType === 'CodeSystem').length, skipped };
  }

  function validate(resource: Resource): void {
    if (!isObject(resource)) throw new FhirError(400, IssueType.structure, 'The body must be a JSON object (a FHIR resource)', 'resourceType');
    const type = (resource as { resourceType?: unknown }).resourceType;
    if (typeof type !== 'string' || !isResourceType(type)) {
      const shown = typeof type === 'string' ? `'${type}'` : 'missing';
      throw new FhirError(400, IssueType.invalid, `Unknown or missing resourceType (${shown})`, 'resourceType');
    }
    const root: Node = { value: resource, type, path: type };
    const issues: OperationOutcomeIssue[] = schema.validate(resource);
    // A wrong code is better explained by the binding check, which names the value and its ValueSet.
    if (checkBindings && issues[0]?.code === 'code-invalid') {
      const bindingIssues: OperationOutcomeIssue[] = [];
      checkBaseBindings(root, terminology, bindingIssues);
      if (bindingIssues.length) throw new FhirError(400, bindingIssues);
    }
    if (issues.length === 0 && full) {
      try {
        validateResource(resource);
      } catch (err) {
        if (!(err instanceof OperationOutcomeError)) throw err;
        issues.push(...(err.outcome.issue ?? []).filter((i) => i.severity === 'error' || i.severity === 'fatal'));
      }
    }
    if (checkBindings) checkBaseBindings(root, terminology, issues);
    if (issues.length) throw new FhirError(400, issues);

    if (profiles.size === 0) return;
    const profileIssues: OperationOutcomeIssue[] = [];
    for (const node of resourcesWithin(root)) {
      for (const url of declaredProfiles(node.value)) {
        const profile = profiles.get(canonicalUrl(url));
        // Unknown profiles are accepted: the store cannot check what it has not installed.
        if (profile && profile.sd.type === node.type) checkProfile(node, profile, { terminology, profiles, issues: profileIssues });
      }
    }
    if (profileIssues.length) throw new FhirError(422, profileIssues);
  }

  return {
    validate,
    loadConformance,
    hasProfile: (url) => profiles.has(canonicalUrl(url)),
    skippedInvariants: () => [...skippedInvariants.values()].flat(),
  };
}

/** Why a StructureDefinition is not enforced as a profile (undefined: it is). */
function unusable(sd: StructureDefinition): string | undefined {
  if (sd.derivation !== 'constraint') return 'not a constraint (base type or logical model)';
  if (!sd.snapshot?.element?.length) return 'no snapshot';
  if (sd.url?.startsWith('http://hl7.org/fhir/StructureDefinition/') && sd.url.endsWith(`/${sd.type}`)) return 'a base definition';
  if (sd.kind === 'logical') return 'a logical model';
  return undefined;
}

function declaredProfiles(value: unknown): string[] {
  const meta = isObject(value) ? value.meta : undefined;
  const list = isObject(meta) ? meta.profile : undefined;
  return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : [];
}

/** The resource and the resources inside it (Bundle entries, contained), each of which may claim profiles. */
function* resourcesWithin(node: Node): Generator<Node> {
  yield node;
  const obj = node.value as Record<string, unknown>;
  const nested: [unknown, string][] = [];
  if (Array.isArray(obj.contained)) obj.contained.forEach((c, i) => nested.push([c, `${node.path}.contained[${i}]`]));
  if (node.type === 'Bundle' && Array.isArray(obj.entry)) {
    obj.entry.forEach((e, i) => isObject(e) && nested.push([e.resource, `${node.path}.entry[${i}].resource`]));
  }
  for (const [value, path] of nested) {
    if (isObject(value) && typeof value.resourceType === 'string') yield* resourcesWithin({ value, type: value.resourceType, path });
  }
}
