/**
 * Profile conformance beyond what @medplum/core checks: slices (matched through the slice's type profile and
 * extension URL), slice contents, type profiles of elements, BackboneElement constraints, and required bindings.
 * @see https://hl7.org/fhir/R4/profiling.html#slicing
 */
import {
  OperationOutcomeError,
  validateTypedValue,
  type InternalSchemaElement,
  type InternalTypeSchema,
  type SliceDefinition,
  type SlicingRules,
} from '@medplum/core';
import type { OperationOutcomeIssue, StructureDefinition } from '@medplum/fhirtypes';
import { groupsAt, isPrimitive, type Node } from './json-nodes.ts';
import { equalsFixed, matchesPattern } from './patterns.ts';
import { checkRequiredBinding, isRequiredBinding } from './required-binding.ts';
import { canonicalUrl, type Terminology } from './value-sets.ts';

/** A StructureDefinition (constraint) parsed once. */
export interface LoadedProfile {
  readonly sd: StructureDefinition;
  readonly schema: InternalTypeSchema;
  readonly inner: ReadonlyMap<string, InternalTypeSchema>;
}

export interface ProfileContext {
  readonly terminology: Terminology;
  readonly profiles: ReadonlyMap<string, LoadedProfile>;
  readonly issues: OperationOutcomeIssue[];
}

/** Medplum counts slice members by a discriminator it often cannot resolve; we count slices ourselves. */
const MEDPLUM_SLICE_COUNT = 'Incorrect number of values provided for slice';

/** Checks a node (resource or data type value) against a profile; adds issues to ctx. */
export function checkProfile(node: Node, profile: LoadedProfile, ctx: ProfileContext, depth = 0): void {
  if (depth > 8) return; // recursive profiles (Extension in Extension): deep enough
  try {
    validateTypedValue({ type: node.type, value: node.value }, { profile: profile.sd });
  } catch (err) {
    if (!(err instanceof OperationOutcomeError)) throw err;
    for (const issue of err.outcome.issue ?? []) {
      if (issue.severity !== 'error' && issue.severity !== 'fatal') continue;
      if (issue.details?.text?.startsWith(MEDPLUM_SLICE_COUNT)) continue;
      // An invariant the engine failed to evaluate is not checked (rather than rejecting a possibly valid instance).
      if (issue.code === 'processing') continue;
      const expression = issue.expression?.map((e) => rebase(e, profile.schema.path, node.path));
      ctx.issues.push({ ...issue, ...(expression ? { expression } : {}), diagnostics: `profile ${profile.sd.url}` });
    }
  }
  checkElements(node, profile.schema.elements, profile, ctx, false, depth);
}

const rebase = (expr: string, from: string, to: string): string =>
  from === to ? expr : expr === from ? to : expr.startsWith(`${from}.`) ? to + expr.slice(from.length) : expr;

/** Checks the elements of one schema (profile root, inner BackboneElement type, or slice) below a node. */
function checkElements(
  node: Node,
  elements: Record<string, InternalSchemaElement>,
  profile: LoadedProfile,
  ctx: ProfileContext,
  checkBasics: boolean,
  depth: number,
): void {
  for (const [key, el] of Object.entries(elements)) {
    for (const group of groupsAt(node, key)) {
      if (checkBasics) checkCardinality(group, el, `${node.path}.${key}`, ctx);
      for (const v of group) checkValue(v, el, profile, ctx, checkBasics, depth);
      if (el.slicing) checkSlices(group, el.slicing, `${node.path}.${key}`, profile, ctx, depth);
    }
  }
}

function checkCardinality(group: Node[], el: { min: number; max: number }, path: string, ctx: ProfileContext, what = ''): void {
  if (group.length < el.min || group.length > el.max) {
    ctx.issues.push({
      severity: 'error',
      code: 'structure',
      details: {
        text: `Invalid number of values${what}: expected ${el.min}..${Number.isFinite(el.max) ? el.max : '*'}, but found ${group.length}`,
      },
      expression: [path],
    });
  }
}

function checkValue(v: Node, el: InternalSchemaElement | SliceDefinition, profile: LoadedProfile, ctx: ProfileContext, checkBasics: boolean, depth: number): void {
  if (checkBasics) {
    if (el.fixed && !equalsFixed(v.value, el.fixed.value)) valueIssue(v.path, 'does not equal the fixed value', ctx);
    if (el.pattern && !matchesPattern(v.value, el.pattern.value)) valueIssue(v.path, 'does not match the required pattern', ctx);
  }
  if (isRequiredBinding(el.binding)) checkRequiredBinding(v, el.binding, ctx.terminology, ctx.issues);
  if (!('slicing' in el && el.slicing)) {
    for (const t of el.type) {
      if (t.code !== v.type && !(t.code === 'Resource' && !isPrimitive(v.type))) continue;
      for (const url of t.profile ?? []) {
        const typeProfile = ctx.profiles.get(canonicalUrl(url));
        if (typeProfile && typeProfile !== profile) checkProfile(v, typeProfile, ctx, depth + 1);
      }
    }
  }
  const innerName = el.type.length === 1 ? el.type[0]!.code : undefined;
  const inner = innerName ? profile.inner.get(innerName) : undefined;
  if (inner) checkElements({ ...v, type: baseTypeName(v, inner) }, inner.elements, profile, ctx, true, depth);
}

/** Inner types keep their base name (BundleEntry), so the base definitions type their children. */
const baseTypeName = (v: Node, inner: InternalTypeSchema): string => inner.name || v.type;

function valueIssue(path: string, what: string, ctx: ProfileContext): void {
  ctx.issues.push({ severity: 'error', code: 'value', details: { text: `Value ${what}` }, expression: [path] });
}

/** Assigns each value to a slice, checks slice cardinality (when every slice could be decided) and slice contents. */
function checkSlices(group: Node[], slicing: SlicingRules, path: string, profile: LoadedProfile, ctx: ProfileContext, depth: number): void {
  const counts = new Map<string, number>(slicing.slices.map((s) => [s.name, 0]));
  let decided = true;
  for (const v of group) {
    let matched: SliceDefinition | undefined;
    for (const slice of slicing.slices) {
      const m = sliceMatches(v, slice, slicing, ctx);
      if (m === undefined) decided = false;
      if (m) {
        matched = slice;
        break;
      }
    }
    if (matched) {
      counts.set(matched.name, (counts.get(matched.name) ?? 0) + 1);
      checkValue(v, matched, profile, ctx, true, depth);
      checkElements(v, matched.elements, profile, ctx, true, depth);
    } else if (decided && slicing.rule === 'closed' && slicing.slices.length > 0) {
      ctx.issues.push({ severity: 'error', code: 'structure', details: { text: 'Value matches none of the slices of a closed slicing' }, expression: [v.path] });
    }
  }
  if (!decided) return;
  for (const slice of slicing.slices) {
    checkCardinality(new Array<Node>(counts.get(slice.name) ?? 0), slice, path, ctx, ` for slice '${slice.name}'`);
  }
}

type Expected = { kind: 'fixed' | 'pattern'; value: unknown } | { kind: 'binding'; element: InternalSchemaElement } | { kind: 'type'; codes: string[] };

/** true / false, or undefined when the discriminator cannot be evaluated here. */
function sliceMatches(v: Node, slice: SliceDefinition, slicing: SlicingRules, ctx: ProfileContext): boolean | undefined {
  if (slicing.discriminator.length === 0) return undefined;
  for (const d of slicing.discriminator) {
    const path = d.path === '$this' ? '' : d.path.replace(/^\$this\./, '');
    if (!/^[A-Za-z]+(\[x\])?(\.[A-Za-z]+(\[x\])?)*$/.test(path) && path !== '') return undefined;
    const expected = expectedFor(slice, d.type, path, ctx);
    if (!expected) return undefined;
    const actual = path === '' ? [v] : groupsAt(v, path).flat();
    let ok: boolean;
    if (expected.kind === 'type') ok = actual.some((a) => expected.codes.includes(a.type) || expected.codes.includes('Resource'));
    else if (expected.kind === 'binding') {
      ok = actual.some((a) => {
        const probe: OperationOutcomeIssue[] = [];
        checkRequiredBinding(a, expected.element.binding!, ctx.terminology, probe);
        return probe.length === 0;
      });
    } else if (expected.kind === 'fixed') ok = actual.some((a) => equalsFixed(a.value, expected.value));
    else ok = actual.some((a) => matchesPattern(a.value, expected.value));
    if (!ok) return false;
  }
  return true;
}

function expectedFor(slice: SliceDefinition, kind: string, path: string, ctx: ProfileContext): Expected | undefined {
  if (kind === 'type') {
    const target = path === '' ? slice : slice.elements[path];
    const codes = target?.type?.map((t) => t.code) ?? [];
    return codes.length ? { kind: 'type', codes } : undefined;
  }
  const fromElement = (el: InternalSchemaElement | undefined): Expected | undefined => {
    if (!el) return undefined;
    if (el.fixed) return { kind: 'fixed', value: el.fixed.value };
    if (el.pattern) return { kind: 'pattern', value: el.pattern.value };
    if (isRequiredBinding(el.binding) && ctx.terminology.expand(el.binding.valueSet)) return { kind: 'binding', element: el };
    return undefined;
  };
  const own = fromElement(path === '' ? slice : slice.elements[path]);
  if (own) return own;
  const typeProfileUrl = slice.type?.[0]?.profile?.[0];
  if (!typeProfileUrl) return undefined;
  // Extensions are sliced by url, and a slice's extension profile URL is that url.
  if (path === 'url' && slice.type?.[0]?.code === 'Extension') return { kind: 'fixed', value: typeProfileUrl };
  const typeProfile = ctx.profiles.get(canonicalUrl(typeProfileUrl));
  return typeProfile ? fromElement(path === '' ? undefined : typeProfile.schema.elements[path]) : undefined;
}
