/**
 * Parsing of a search request's query pairs into a ParsedSearch, with strict or lenient handling
 * of unknown parameters and modifiers. @see https://hl7.org/fhir/R4/search.html#errors
 */
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { badRequest, FhirError, IssueType } from '../../errors/index.ts';
import { isResourceType } from '../definitions/index.ts';
import {
  orList, parseDateValue, parseNumberValue, parseQuantityValue, parseReferenceValue, parseStringValue, parseTokenValue,
} from './parse-values.ts';
import { indexedParam, paramsOf, type IndexedParam } from './search-params.ts';
import {
  DEFAULT_COUNT, MAX_COUNT, type Filter, type IncludeSpec, type ParsedSearch, type SortKey, type SummaryMode, type TotalMode,
} from './search-query.ts';

/** A parameter or modifier the server does not know: an error (strict) or a warning (lenient). */
class Unknown extends Error {
  readonly param: string;
  constructor(param: string, message: string) {
    super(message);
    this.param = param;
  }
}

/** Parameters that concern the HTTP layer only. */
const IGNORED = new Set(['_format', '_pretty']);
const MAX_CHAIN = 3;

export interface ParseOptions {
  readonly baseUrl: string;
  readonly handling: 'strict' | 'lenient';
  /** Only filters are allowed (conditional interactions); result parameters are ignored. */
  readonly filtersOnly?: boolean;
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
// eslint-disable-next-line no-control-regex
const ALL_CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

export function parseSearch(resourceType: string, pairs: readonly [string, string][], options: ParseOptions): ParsedSearch {
  if (!isResourceType(resourceType)) throw new FhirError(404, IssueType.notFound, `Unknown resource type '${resourceType}'`, 'type');
  const q: ParsedSearch = {
    resourceType, filters: [], count: DEFAULT_COUNT, offset: 0, sort: [], includes: [], revincludes: [], warnings: [], used: [],
  };
  for (const [name, value] of pairs) {
    if (IGNORED.has(name)) continue;
    if (CONTROL_CHARACTERS.test(name) || CONTROL_CHARACTERS.test(value)) {
      const safeName = name.replace(ALL_CONTROL_CHARACTERS, '?').slice(0, 40);
      throw badRequest(`Search parameter '${safeName}' contains control characters`, safeName);
    }
    try {
      const used = parsePair(q, name, value, options);
      if (used) q.used.push([name, value]);
    } catch (err) {
      if (!(err instanceof Unknown)) throw err;
      if (options.handling === 'strict') throw badRequest(err.message, err.param);
      q.warnings.push(warning(err.message, err.param));
    }
  }
  return q;
}

function warning(text: string, expression: string): OperationOutcomeIssue {
  return { severity: 'warning', code: IssueType.notSupported, details: { text: `${text}; ignored` }, expression: [expression] };
}

/** Applies one pair; returns whether it belongs in paging links. */
function parsePair(q: ParsedSearch, name: string, value: string, options: ParseOptions): boolean {
  if (name.startsWith('_') && !name.startsWith('_has:') && RESULT_PARAMS.has(baseName(name))) {
    if (options.filtersOnly) return false;
    return parseResultParam(q, name, value);
  }
  q.filters.push(parseFilter(q.resourceType, name, value, options.baseUrl, 0));
  return true;
}

function baseName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(0, colon);
}

const RESULT_PARAMS = new Set(['_count', '_offset', '_sort', '_total', '_include', '_revinclude', '_summary', '_elements', '_contained', '_containedType']);

// ---- result parameters ----------------------------------------------------------------------

function parseResultParam(q: ParsedSearch, name: string, value: string): boolean {
  const [base, modifier] = name.split(':', 2) as [string, string | undefined];
  if (modifier !== undefined && base !== '_include' && base !== '_revinclude') throw new Unknown(name, `Unknown modifier ':${modifier}' on ${base}`);
  switch (base) {
    case '_count': {
      q.count = Math.min(nonNegativeInt(value, name), MAX_COUNT);
      return false;
    }
    case '_offset':
      q.offset = nonNegativeInt(value, name);
      return false;
    case '_sort':
      q.sort = value.split(',').map((k) => parseSortKey(q.resourceType, k.trim(), name));
      return true;
    case '_total':
      if (value !== 'none' && value !== 'estimate' && value !== 'accurate') throw badRequest(`Invalid _total '${value}' (none, estimate or accurate)`, name);
      q.total = value as TotalMode;
      return true;
    case '_summary':
      if (!['true', 'text', 'data', 'count', 'false'].includes(value)) throw badRequest(`Invalid _summary '${value}' (true, text, data, count or false)`, name);
      q.summary = value as SummaryMode;
      return true;
    case '_elements': {
      const elements = value.split(',').map((e) => e.trim()).filter(Boolean);
      for (const e of elements) if (!/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(e)) throw badRequest(`Invalid element name '${e.slice(0, 70)}' in _elements`, name);
      q.elements = elements;
      return true;
    }
    case '_include':
    case '_revinclude': {
      if (modifier !== undefined && modifier !== 'iterate' && modifier !== 'recurse') throw new Unknown(name, `Unknown modifier ':${modifier}' on ${base}`);
      const spec = parseInclude(value, name, modifier !== undefined, base === '_include' ? q.resourceType : undefined);
      (base === '_include' ? q.includes : q.revincludes).push(spec);
      return true;
    }
    default:
      throw new Unknown(name, `Search result parameter '${base}' is not supported`);
  }
}

function nonNegativeInt(value: string, name: string): number {
  if (!/^\d{1,9}$/.test(value)) throw badRequest(`Invalid ${name} '${value.slice(0, 40)}' (expected a whole number ≥ 0)`, name);
  return Number(value);
}

function parseSortKey(resourceType: string, key: string, name: string): SortKey {
  const descending = key.startsWith('-');
  const code = descending ? key.slice(1) : key;
  if (code === '_id' || code === '_lastUpdated') return { kind: code, descending };
  const param = indexedParam(resourceType, code);
  if (!param) throw badRequest(`Cannot sort ${resourceType} by '${code.slice(0, 64)}': not a search parameter of ${resourceType}`, name);
  return { kind: 'param', param, descending };
}

/** `Type:param[:TargetType]`, `Type:*` or `*`. */
function parseInclude(value: string, name: string, iterate: boolean, searchedType: string | undefined): IncludeSpec {
  if (value === '*') {
    if (!searchedType) throw badRequest(`_revinclude=* is not supported; name the source type and parameter`, name);
    return { sourceType: searchedType, params: referenceParams(searchedType), iterate };
  }
  const [sourceType, code, targetType, extra] = value.split(':');
  if (!sourceType || !code || extra !== undefined || !isResourceType(sourceType)) {
    throw badRequest(`Invalid ${name} '${value.slice(0, 80)}' (expected Type:parameter or Type:parameter:TargetType)`, name);
  }
  if (targetType !== undefined && !isResourceType(targetType)) throw badRequest(`Unknown target type '${targetType.slice(0, 64)}' in ${name}`, name);
  if (code === '*') return { sourceType, params: referenceParams(sourceType), ...(targetType ? { targetType } : {}), iterate };
  const param = indexedParam(sourceType, code);
  if (!param || param.type !== 'reference') throw new Unknown(name, `'${code.slice(0, 64)}' is not a reference search parameter of ${sourceType}`);
  return { sourceType, params: [param], ...(targetType ? { targetType } : {}), iterate };
}

function referenceParams(type: string): IndexedParam[] {
  return paramsOf(type).list.filter((p) => p.type === 'reference');
}

// ---- filters --------------------------------------------------------------------------------

/** Parses one filter parameter `name=value` on `resourceType` (recursively for chains and _has). */
export function parseFilter(resourceType: string, name: string, value: string, baseUrl: string, depth: number): Filter {
  if (name.startsWith('_has:')) return parseHas(resourceType, name, value, baseUrl, depth);
  const dot = name.indexOf('.');
  if (dot > 0) return parseChain(resourceType, name, dot, value, baseUrl, depth);
  const [code, modifier, extra] = name.split(':') as [string, string | undefined, string | undefined];
  if (extra !== undefined) throw new Unknown(name, `Invalid parameter name '${name}'`);
  if (code === '_id') {
    if (modifier !== undefined) throw new Unknown(name, `Unknown modifier ':${modifier}' on _id`);
    return { kind: 'id', values: orList(value, name).map((v) => v.replace(/\\(.)/g, '$1')) };
  }
  if (code === '_lastUpdated') {
    if (modifier !== undefined) throw new Unknown(name, `Unknown modifier ':${modifier}' on _lastUpdated`);
    return { kind: 'lastUpdated', values: orList(value, name).map((v) => parseDateValue(v, name)) };
  }
  const param = indexedParam(resourceType, code);
  if (!param) {
    const def = paramsOf(resourceType).all[code];
    if (def) throw new Unknown(name, `Search parameter '${code}' (${def.type}) of ${resourceType} is not supported`);
    throw new Unknown(name, `Unknown search parameter '${code.slice(0, 64)}' for ${resourceType}`);
  }
  if (modifier === 'missing') {
    if (value !== 'true' && value !== 'false') throw badRequest(`:missing takes true or false, not '${value.slice(0, 40)}'`, name);
    return { kind: 'missing', param, missing: value === 'true' };
  }
  const bad = () => new Unknown(name, `Unknown modifier ':${modifier}' for ${param.type} parameter '${code}'`);
  const values = orList(value, name);
  switch (param.type) {
    case 'token':
      if (modifier !== undefined && modifier !== 'not' && modifier !== 'text') throw bad();
      if (modifier === 'text') return { kind: 'token', param, modifier, values: values.map((v) => ({ code: parseStringValue(v, false) })) };
      return { kind: 'token', param, modifier: modifier ?? 'none', values: values.map((v) => parseTokenValue(v, name)) };
    case 'string':
      if (modifier !== undefined && modifier !== 'exact' && modifier !== 'contains') throw bad();
      return { kind: 'string', param, modifier: modifier ?? 'none', values: values.map((v) => parseStringValue(v, modifier === 'exact')) };
    case 'date':
      if (modifier !== undefined) throw bad();
      return { kind: 'date', param, values: values.map((v) => parseDateValue(v, name)) };
    case 'number':
      if (modifier !== undefined) throw bad();
      return { kind: 'number', param, values: values.map((v) => parseNumberValue(v, name)) };
    case 'quantity':
      if (modifier !== undefined) throw bad();
      return { kind: 'quantity', param, values: values.map((v) => parseQuantityValue(v, name)) };
    case 'uri':
      if (modifier !== undefined && modifier !== 'below' && modifier !== 'above') throw bad();
      return { kind: 'uri', param, modifier: modifier ?? 'none', values: values.map((v) => parseStringValue(v, true)) };
    case 'reference': {
      if (modifier !== undefined && !(isResourceType(modifier) && (param.targets.length === 0 || param.targets.includes(modifier)))) throw bad();
      return { kind: 'reference', param, values: values.map((v) => parseReferenceValue(v, name, baseUrl, modifier)) };
    }
  }
}

/** `ref[:Type].rest=value` */
function parseChain(resourceType: string, name: string, dot: number, value: string, baseUrl: string, depth: number): Filter {
  if (depth >= MAX_CHAIN) throw badRequest(`Chains are limited to ${MAX_CHAIN} levels`, name);
  const head = name.slice(0, dot);
  const rest = name.slice(dot + 1);
  const [code, typeModifier, extra] = head.split(':') as [string, string | undefined, string | undefined];
  const param = indexedParam(resourceType, code);
  if (!param || param.type !== 'reference' || extra !== undefined) throw new Unknown(name, `'${head.slice(0, 64)}' is not a reference search parameter of ${resourceType} to chain on`);
  let types = param.targets.filter((t) => isResourceType(t));
  if (typeModifier !== undefined) {
    if (!types.includes(typeModifier)) throw new Unknown(name, `'${typeModifier.slice(0, 64)}' is not a target type of ${resourceType}.${code}`);
    types = [typeModifier];
  }
  const targets: { type: string; filter: Filter }[] = [];
  let firstError: unknown;
  for (const type of types) {
    try {
      targets.push({ type, filter: parseFilter(type, rest, value, baseUrl, depth + 1) });
    } catch (err) {
      if (!(err instanceof Unknown)) throw err;
      firstError ??= err;
    }
  }
  if (targets.length === 0) {
    if (firstError instanceof Unknown) throw new Unknown(name, `${firstError.message} (in chain '${name}')`);
    throw new Unknown(name, `Cannot chain on '${head}'`);
  }
  return { kind: 'chain', param, targets };
}

/** `_has:Type:ref:rest=value` */
function parseHas(resourceType: string, name: string, value: string, baseUrl: string, depth: number): Filter {
  if (depth >= MAX_CHAIN) throw badRequest(`_has is limited to ${MAX_CHAIN} levels`, name);
  const parts = name.split(':');
  const sourceType = parts[1];
  const code = parts[2];
  const rest = parts.slice(3).join(':');
  if (!sourceType || !code || !rest) throw badRequest(`Invalid _has parameter '${name.slice(0, 80)}' (expected _has:Type:reference:parameter)`, name);
  if (!isResourceType(sourceType)) throw new Unknown(name, `Unknown resource type '${sourceType.slice(0, 64)}' in _has`);
  const param = indexedParam(sourceType, code);
  if (!param || param.type !== 'reference') throw new Unknown(name, `'${code.slice(0, 64)}' is not a reference search parameter of ${sourceType}`);
  try {
    return { kind: 'has', sourceType, param, filter: parseFilter(sourceType, rest, value, baseUrl, depth + 1) };
  } catch (err) {
    if (err instanceof Unknown) throw new Unknown(name, `${err.message} (in '${name}')`);
    throw err;
  }
}
