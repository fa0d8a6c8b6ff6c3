/**
 * A compiled fast path for the simple FHIRPath expressions that make up ~96 % of the R4 search
 * parameters: dotted paths, `as X` / `.as(X)` on choice elements, `.where(resolve() is X)` and
 * `.where(field='literal')`, joined by `|`. Element types come from the base StructureDefinitions,
 * so the result carries the same type names as @medplum/core's evaluator. Anything else returns
 * undefined and the caller falls back to the general FHIRPath engine.
 * @see https://hl7.org/fhirpath/N1/
 */
import type { TypedValue } from '@medplum/core';
import { elementInfo } from '../definitions/index.ts';

type Json = Record<string, unknown>;
type Evaluate = (resource: Json) => TypedValue[];

interface Key {
  readonly key: string;
  readonly type: string;
  /** Where the next step's element paths start (a datatype name or a backbone path). */
  readonly context: string;
}

type Step =
  | { readonly kind: 'field'; readonly keys: readonly Key[] }
  | { readonly kind: 'resolveIs'; readonly type: string }
  | { readonly kind: 'whereEq'; readonly field: string; readonly value: string };

const SYSTEM_TYPES: Record<string, string> = {
  'http://hl7.org/fhirpath/System.String': 'string',
  'http://hl7.org/fhirpath/System.Boolean': 'boolean',
  'http://hl7.org/fhirpath/System.Integer': 'integer',
  'http://hl7.org/fhirpath/System.Decimal': 'decimal',
  'http://hl7.org/fhirpath/System.DateTime': 'dateTime',
  'http://hl7.org/fhirpath/System.Time': 'time',
};

/** Compiles an expression (already pruned to one resource type) or returns undefined. */
export function compileFastPath(expression: string, resourceType: string): Evaluate | undefined {
  const branches = splitTop(expression, '|');
  const compiled: Step[][] = [];
  for (const branch of branches) {
    const steps = compileBranch(branch.trim(), resourceType);
    if (!steps) return undefined;
    compiled.push(steps);
  }
  return (resource) => {
    const out: TypedValue[] = [];
    for (const steps of compiled) run(resource, resourceType, steps, out);
    return out;
  };
}

function run(resource: Json, resourceType: string, steps: readonly Step[], out: TypedValue[]): void {
  let current: TypedValue[] = [{ type: resourceType, value: resource }];
  for (const step of steps) {
    const next: TypedValue[] = [];
    for (const node of current) {
      const value = node.value as Json;
      if (step.kind === 'field') {
        if (typeof value !== 'object' || value === null) continue;
        for (const k of step.keys) {
          const v = value[k.key];
          if (v === undefined || v === null) continue;
          if (Array.isArray(v)) {
            for (const item of v) if (item !== null && item !== undefined) next.push({ type: k.type, value: item });
          } else next.push({ type: k.type, value: v });
        }
      } else if (step.kind === 'resolveIs') {
        const ref = typeof value === 'object' && value !== null ? value.reference : undefined;
        if (typeof ref === 'string' && referenceTypeOf(ref) === step.type) next.push(node);
      } else if (typeof value === 'object' && value !== null && value[step.field] === step.value) {
        next.push(node);
      }
    }
    current = next;
    if (current.length === 0) return;
  }
  for (const v of current) out.push(v);
}

/** 'Patient/1', 'http://x/fhir/Patient/1', 'Patient/1/_history/2' → 'Patient'. */
function referenceTypeOf(reference: string): string | undefined {
  const m = /(?:^|\/)([A-Z][A-Za-z]+)\/[A-Za-z0-9\-.]{1,64}(?:\/_history\/[A-Za-z0-9\-.]+)?$/.exec(reference);
  return m?.[1];
}

function compileBranch(branch: string, resourceType: string): Step[] | undefined {
  // (path as X) optionally followed by .more.steps
  const asMatch = /^\((.+) as ([A-Za-z]+)\)(\..+)?$/.exec(branch);
  if (asMatch) {
    const inner = compileBranchWithContext(asMatch[1]!, resourceType);
    if (!inner) return undefined;
    const narrowed = narrow(inner.steps, asMatch[2]!);
    if (!narrowed) return undefined;
    if (!asMatch[3]) return narrowed.steps;
    const rest = compileSteps(splitTop(asMatch[3].slice(1), '.'), narrowed.context);
    return rest ? [...narrowed.steps, ...rest.steps] : undefined;
  }
  return compileBranchWithContext(branch, resourceType)?.steps;
}

function compileBranchWithContext(path: string, resourceType: string): { steps: Step[]; context: string | undefined } | undefined {
  const parts = splitTop(path, '.');
  const head = parts.shift();
  if (head !== resourceType && head !== 'Resource' && head !== 'DomainResource') return undefined;
  return compileSteps(parts, head === resourceType ? resourceType : head);
}

function compileSteps(parts: string[], startContext: string): { steps: Step[]; context: string | undefined } | undefined {
  const steps: Step[] = [];
  let context: string | undefined = startContext;
  for (const part of parts) {
    let m: RegExpExecArray | null;
    if (/^[a-z][A-Za-z0-9]*$/.test(part)) {
      if (context === undefined) return undefined; // a further step after an unnarrowed choice
      const keys = keysOf(context, part);
      if (!keys) return undefined;
      steps.push({ kind: 'field', keys });
      context = keys.length === 1 ? keys[0]!.context : undefined;
    } else if ((m = /^where\(resolve\(\) is ([A-Z][A-Za-z]+)\)$/.exec(part))) {
      steps.push({ kind: 'resolveIs', type: m[1]! });
    } else if ((m = /^where\(([a-z][A-Za-z]*)\s*=\s*'([^'\\]*)'\)$/.exec(part))) {
      steps.push({ kind: 'whereEq', field: m[1]!, value: m[2]! });
    } else if ((m = /^as\(([A-Za-z]+)\)$/.exec(part))) {
      const narrowed = narrow(steps, m[1]!);
      if (!narrowed) return undefined;
      steps.splice(0, steps.length, ...narrowed.steps);
      context = narrowed.context;
    } else {
      return undefined;
    }
  }
  return { steps, context };
}

/** Keeps only the keys of the last field step whose type is `type` (a choice narrowed by `as`). */
function narrow(steps: Step[], type: string): { steps: Step[]; context: string } | undefined {
  const last = steps[steps.length - 1];
  if (!last || last.kind !== 'field') return undefined;
  const keys = last.keys.filter((k) => k.type === type);
  if (keys.length === 0) return undefined;
  return { steps: [...steps.slice(0, -1), { kind: 'field', keys }], context: keys[0]!.context };
}

/** The JSON keys (with their types) of element `name` under `context`, following contentReference. */
function keysOf(context: string, name: string): Key[] | undefined {
  const path = `${context}.${name}`;
  const info = elementInfo(path);
  if (info) {
    if (info.types.length !== 1) return undefined;
    const type = normalizeType(info.types[0]!);
    const next = info.contentReference ?? (type === 'BackboneElement' || type === 'Element' ? path : type);
    return [{ key: name, type, context: next }];
  }
  const choice = elementInfo(`${path}[x]`);
  if (choice) {
    return choice.types.map((t) => {
      const type = normalizeType(t);
      return { key: name + type[0]!.toUpperCase() + type.slice(1), type, context: type };
    });
  }
  return undefined;
}

function normalizeType(code: string): string {
  return SYSTEM_TYPES[code] ?? code;
}

/** Splits at `sep` outside parentheses and quotes. */
export function splitTop(text: string, sep: '.' | '|'): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'" && text[i - 1] !== '\\') quote = !quote;
    if (quote) continue;
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === sep && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(text.slice(start).trim());
  return out;
}
