/**
 * Parsing of search parameter values by type: comma lists with escapes, prefixes, tokens,
 * quantities, references. @see https://hl7.org/fhir/R4/search.html#escaping @see https://hl7.org/fhir/R4/search.html#prefix
 */
import { badRequest } from '../../errors/index.ts';
import { isValidId } from '../repository/fhir-id.ts';
import { dateRange, decimalRange, normalizeString } from './normalize.ts';
import { parseReference } from './references.ts';
import { PREFIXES, type DateValue, type NumberValue, type Prefix, type QuantityValue, type ReferenceValue, type TokenValue } from './search-query.ts';

/** Splits on unescaped `sep`; escapes (`\,` `\|` `\$` `\\`) stay in place for a later split. */
export function splitEscaped(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length) {
      cur += c + s[i + 1];
      i++;
    } else if (c === sep) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

export function unescape(s: string): string {
  return s.replace(/\\([\\,|$])/g, '$1');
}

/** The OR-list of a value: comma-separated, escapes kept (each part is split further by type). */
export function orList(value: string, name: string): string[] {
  const parts = splitEscaped(value, ',');
  if (parts.some((p) => p === '')) throw badRequest(`Empty value in search parameter '${name}'`, name);
  return parts;
}

function splitPrefix(raw: string, name: string): [Prefix, string] {
  const m = /^([a-z]{2})(.*)$/.exec(raw);
  if (m && PREFIXES.has(m[1]!)) return [m[1] as Prefix, m[2]!];
  if (m && !/^\d/.test(raw)) throw badRequest(`Invalid prefix '${m[1]}' in search parameter '${name}' (use eq, ne, gt, lt, ge, le, sa, eb or ap)`, name);
  return ['eq', raw];
}

export function parseDateValue(raw: string, name: string): DateValue {
  const [prefix, written] = splitPrefix(unescape(raw), name);
  // an unencoded '+' of a zone offset arrives as a space
  const text = written.replace(/ (\d{2}:\d{2})$/, '+$1');
  const r = dateRange(text);
  if (!r) throw badRequest(`Invalid date '${text.slice(0, 60)}' in search parameter '${name}' (expected YYYY, YYYY-MM, YYYY-MM-DD or a dateTime)`, name);
  return { prefix, lo: r.lo, hi: r.hi };
}

export function parseNumberValue(raw: string, name: string): NumberValue {
  const [prefix, text] = splitPrefix(unescape(raw), name);
  const r = decimalRange(text);
  if (!r) throw badRequest(`Invalid number '${text.slice(0, 60)}' in search parameter '${name}'`, name);
  return { prefix, value: r.value, lo: r.lo, hi: r.hi };
}

export function parseQuantityValue(raw: string, name: string): QuantityValue {
  const parts = splitEscaped(raw, '|');
  if (parts.length !== 1 && parts.length !== 3) throw badRequest(`Invalid quantity in search parameter '${name}' (expected value, value|system|code or value||unit)`, name);
  const n = parseNumberValue(parts[0]!, name);
  if (parts.length === 1) return n;
  const system = unescape(parts[1]!);
  const code = unescape(parts[2]!);
  if (!code) return system ? { ...n, system } : n;
  return system ? { ...n, system, code } : { ...n, code, codeOrUnit: true };
}

export function parseTokenValue(raw: string, name: string): TokenValue {
  const parts = splitEscaped(raw, '|');
  if (parts.length > 2) throw badRequest(`Invalid token in search parameter '${name}' (expected code, system|code, |code or system|)`, name);
  if (parts.length === 1) return { code: unescape(parts[0]!) };
  const system = unescape(parts[0]!);
  const code = unescape(parts[1]!);
  if (!system && !code) throw badRequest(`Invalid token '|' in search parameter '${name}'`, name);
  if (!system) return { system: null, code };
  return code ? { system, code } : { system };
}

export function parseStringValue(raw: string, exact: boolean): string {
  const s = unescape(raw);
  return exact ? s : normalizeString(s);
}

/** A reference value: `id`, `Type/id`, an absolute URL (local ones become Type/id), or a canonical URL. */
export function parseReferenceValue(raw: string, name: string, baseUrl: string, typeModifier: string | undefined): ReferenceValue {
  let v = unescape(raw);
  const base = baseUrl.replace(/\/+$/, '') + '/';
  if (v.startsWith(base)) v = v.slice(base.length);
  if (typeModifier) {
    const slash = v.indexOf('/');
    if (slash >= 0) {
      if (v.slice(0, slash) !== typeModifier) throw badRequest(`Reference '${v}' does not match the type modifier :${typeModifier}`, name);
      v = v.slice(slash + 1);
    }
    if (!isValidId(v)) throw badRequest(`Invalid id '${v.slice(0, 70)}' in search parameter '${name}'`, name);
    return { type: typeModifier, id: v };
  }
  if (isValidId(v)) return { id: v };
  const parsed = parseReference(v);
  if (parsed.type && parsed.id && !parsed.url) return { type: parsed.type, id: parsed.id };
  if (parsed.url && parsed.type) return { url: parsed.url };
  if (/^[a-z][a-z0-9+.-]*:/i.test(v)) return { url: v };
  throw badRequest(`Invalid reference '${v.slice(0, 80)}' in search parameter '${name}' (expected id, Type/id or an absolute URL)`, name);
}
