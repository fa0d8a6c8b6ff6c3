/**
 * Search index extraction: evaluates each indexed parameter's FHIRPath expression on a resource
 * and turns the values into sp_* rows by parameter type. @see https://hl7.org/fhir/R4/search.html#ptypes
 */
import { evalFhirPathTyped, toTypedValue, type TypedValue } from '@medplum/core';
import type {
  Address, CodeableConcept, Coding, ContactPoint, HumanName, Identifier, Money, Period, Quantity, Reference, Resource, Timing,
} from '@medplum/fhirtypes';
import { emptyIndexRows, type IndexRows } from './index-rows.ts';
import { dateRange, decimalRange, normalizeString, numberText } from './normalize.ts';
import { paramsOf, type IndexedParam } from './search-params.ts';
import { parseReference } from './references.ts';

const INFINITE_LO = '-infinity';
const INFINITE_HI = 'infinity';

/** The rows a resource contributes to the search index tables. */
export function extractIndexRows(resource: Resource): IndexRows {
  const rows = emptyIndexRows();
  let input: TypedValue[] | undefined;
  for (const p of paramsOf(resource.resourceType).list) {
    let values: TypedValue[];
    try {
      values = p.fast ? p.fast(resource as unknown as Record<string, unknown>) : evalFhirPathTyped(p.atom, (input ??= [toTypedValue(resource)]));
    } catch {
      continue; // an expression the engine cannot evaluate on this resource indexes nothing
    }
    if (values.length === 0) continue;
    const before = rowCount(rows, p);
    for (const v of values) addValue(rows, p, v);
    dedupe(rows, p, before);
  }
  return rows;
}

function addValue(rows: IndexRows, p: IndexedParam, v: TypedValue): void {
  switch (p.type) {
    case 'token': return addToken(rows, p.code, v);
    case 'string': return addString(rows, p.code, v);
    case 'date': return addDate(rows, p.code, v);
    case 'number': return addNumber(rows, p.code, v);
    case 'quantity': return addQuantity(rows, p.code, v);
    case 'reference': return addReference(rows, p.code, v);
    case 'uri': return addUri(rows, p.code, v);
  }
}

// ---- token ----------------------------------------------------------------------------------

function addToken(rows: IndexRows, param: string, v: TypedValue): void {
  const out = rows.token;
  const val = v.value as unknown;
  switch (v.type) {
    case 'Coding': return codingRow(out, param, val as Coding, undefined);
    case 'CodeableConcept': {
      const cc = val as CodeableConcept;
      for (const c of cc.coding ?? []) codingRow(out, param, c, cc.text);
      if (cc.text && !cc.coding?.length) out.push({ param, system: null, code: null, text: normalizeString(cc.text) });
      return;
    }
    case 'Identifier': {
      const id = val as Identifier;
      if (id.value !== undefined || id.system !== undefined) {
        out.push({ param, system: id.system ?? null, code: id.value ?? null, text: id.type?.text ? normalizeString(id.type.text) : null });
      }
      return;
    }
    case 'ContactPoint': {
      const cp = val as ContactPoint;
      if (cp.value !== undefined) out.push({ param, system: cp.system ?? null, code: cp.value, text: null });
      return;
    }
    case 'boolean':
      out.push({ param, system: null, code: val ? 'true' : 'false', text: null });
      return;
    default:
      if (typeof val === 'string') out.push({ param, system: null, code: val, text: null });
      else if (typeof val === 'number') out.push({ param, system: null, code: String(val), text: null });
  }
}

function codingRow(out: IndexRows['token'], param: string, c: Coding, ccText: string | undefined): void {
  if (c.code === undefined && c.system === undefined) return;
  const text = c.display ?? ccText;
  out.push({ param, system: c.system ?? null, code: c.code ?? null, text: text ? normalizeString(text) : null });
}

// ---- string ---------------------------------------------------------------------------------

function addString(rows: IndexRows, param: string, v: TypedValue): void {
  const out = rows.string;
  const push = (s: string | undefined) => {
    if (s) out.push({ param, norm: normalizeString(s), exact: s });
  };
  const val = v.value as unknown;
  if (typeof val === 'string') return push(val);
  if (v.type === 'HumanName') {
    const n = val as HumanName;
    push(n.family);
    n.given?.forEach(push);
    n.prefix?.forEach(push);
    n.suffix?.forEach(push);
    push(n.text);
    const combined = [...(n.prefix ?? []), ...(n.given ?? []), n.family, ...(n.suffix ?? [])].filter(Boolean).join(' ');
    if (combined && combined !== n.text && combined !== n.family) push(combined);
    return;
  }
  if (v.type === 'Address') {
    const a = val as Address;
    a.line?.forEach(push);
    push(a.city);
    push(a.district);
    push(a.state);
    push(a.postalCode);
    push(a.country);
    push(a.text);
    return;
  }
}

// ---- date -----------------------------------------------------------------------------------

function addDate(rows: IndexRows, param: string, v: TypedValue): void {
  const out = rows.date;
  const val = v.value as unknown;
  if (typeof val === 'string') {
    const r = dateRange(val);
    if (r) out.push({ param, lo: r.lo, hi: r.hi });
    return;
  }
  if (v.type === 'Period') {
    const p = val as Period;
    const lo = p.start ? dateRange(p.start)?.lo : INFINITE_LO;
    const hi = p.end ? dateRange(p.end)?.hi : INFINITE_HI;
    if (lo && hi && (p.start || p.end)) out.push({ param, lo, hi });
    return;
  }
  if (v.type === 'Timing') {
    for (const e of (val as Timing).event ?? []) {
      const r = dateRange(e);
      if (r) out.push({ param, lo: r.lo, hi: r.hi });
    }
  }
}

// ---- number and quantity --------------------------------------------------------------------

function addNumber(rows: IndexRows, param: string, v: TypedValue): void {
  if (typeof v.value !== 'number') return;
  const r = decimalRange(numberText(v.value));
  if (r) rows.number.push({ param, value: r.value, lo: r.lo, hi: r.hi });
}

function addQuantity(rows: IndexRows, param: string, v: TypedValue): void {
  const q = v.value as Quantity & Money;
  if (!q || typeof q !== 'object' || typeof q.value !== 'number') return;
  const r = decimalRange(numberText(q.value));
  if (!r) return;
  if (v.type === 'Money') {
    rows.quantity.push({ param, value: r.value, lo: r.lo, hi: r.hi, system: 'urn:iso:std:iso:4217', code: q.currency ?? null, unit: q.currency ?? null });
    return;
  }
  rows.quantity.push({ param, value: r.value, lo: r.lo, hi: r.hi, system: q.system ?? null, code: q.code ?? null, unit: q.unit ?? null });
}

// ---- reference and uri ----------------------------------------------------------------------

function addReference(rows: IndexRows, param: string, v: TypedValue): void {
  const val = v.value as unknown;
  if (v.type === 'Reference') {
    const ref = (val as Reference).reference;
    if (!ref || ref.startsWith('#')) return;
    const parsed = parseReference(ref);
    rows.reference.push({ param, targetType: parsed.type ?? null, targetId: parsed.id ?? null, url: parsed.url ?? null });
    return;
  }
  if (typeof val === 'string') {
    // canonical / uri references: stored as URL, plus the version-less form of a canonical
    rows.reference.push({ param, targetType: null, targetId: null, url: val });
    const bar = val.indexOf('|');
    if (bar > 0) rows.reference.push({ param, targetType: null, targetId: null, url: val.slice(0, bar) });
  }
}

function addUri(rows: IndexRows, param: string, v: TypedValue): void {
  const val = v.value as unknown;
  if (typeof val !== 'string' || !val) return;
  rows.uri.push({ param, value: val });
  const bar = val.indexOf('|');
  if (bar > 0 && v.type === 'canonical') rows.uri.push({ param, value: val.slice(0, bar) });
}

// ---- duplicates -----------------------------------------------------------------------------

function rowCount(rows: IndexRows, p: IndexedParam): number {
  return rows[p.type].length;
}

/** Drops identical rows a parameter produced twice (e.g. the same coding through two paths). */
function dedupe(rows: IndexRows, p: IndexedParam, from: number): void {
  const list = rows[p.type] as object[];
  if (list.length - from < 2) return;
  const seen = new Set<string>();
  let w = from;
  for (let i = from; i < list.length; i++) {
    const key = JSON.stringify(list[i]);
    if (seen.has(key)) continue;
    seen.add(key);
    list[w++] = list[i]!;
  }
  list.length = w;
}
