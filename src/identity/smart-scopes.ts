/**
 * SMART on FHIR clinical scopes, pure: parses v1 (`patient/Observation.read`, `user/*.*`,
 * `system/*.write`) and v2 (`patient/Observation.rs`, `user/*.cruds`, `patient/Observation.rs?category=…`)
 * scopes into grants, intersects them, and answers whether they allow an interaction.
 * @see https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html
 */

export type ScopeContext = 'patient' | 'user' | 'system';
export const SCOPE_CONTEXTS: readonly ScopeContext[] = ['patient', 'user', 'system'];

/**
 * What a caller asks permission for. 'read' is the read/vread interaction (v2 `r`), 'search' is
 * search (`s`), 'create'/'update'/'delete' are `c`/`u`/`d`; 'write' means all three of c, u and d
 * (SMART v1 `write`): ask for the precise one where you can.
 */
export type ScopeOperation = 'read' | 'search' | 'create' | 'update' | 'delete' | 'write';

/** SMART v2 permission letters. */
export interface ScopePermissions {
  readonly c: boolean;
  readonly r: boolean;
  readonly u: boolean;
  readonly d: boolean;
  readonly s: boolean;
}

export interface ScopeGrant {
  /** The scope as written, e.g. 'patient/Observation.read'. */
  readonly scope: string;
  readonly context: ScopeContext;
  /** A resource type, or '*' for all. */
  readonly resourceType: string;
  /** The v1 `read` permission: both `r` and `s`. */
  readonly read: boolean;
  /** The v1 `write` permission: all of `c`, `u` and `d`. */
  readonly write: boolean;
  readonly permissions: ScopePermissions;
  /** The syntax it was written in: 1 (`.read`, `.write`, `.*`) or 2 (`.cruds` letters). */
  readonly version: 1 | 2;
  /** A v2 granular restriction (FHIR search parameters), e.g. 'category=laboratory'. */
  readonly query?: string;
}

export interface ParsedScopes {
  readonly grants: readonly ScopeGrant[];
  /** Scopes that are not clinical: openid, fhirUser, profile, offline_access, launch/patient, … */
  readonly other: readonly string[];
  /** Clinical-looking scopes that do not parse, e.g. 'patient/Observation.x'. */
  readonly invalid: readonly string[];
}

const CLINICAL = /^(patient|user|system)\/([^.?\s]+)\.([^?\s]+)(?:\?(\S*))?$/;
const RESOURCE_TYPE = /^(\*|[A-Z][A-Za-z]{1,63})$/;
const V2_LETTERS = /^c?r?u?d?s?$/;
const NONE: ScopePermissions = { c: false, r: false, u: false, d: false, s: false };

/** Splits a scope parameter (space-separated) or takes a list; empty entries are dropped. */
export function scopeList(scopes: string | readonly string[]): string[] {
  return (typeof scopes === 'string' ? scopes.split(/\s+/) : [...scopes]).filter(Boolean);
}

/** One scope: a grant, 'other' for non-clinical scopes, or 'invalid' for a malformed clinical one. */
export function parseScope(scope: string): ScopeGrant | 'other' | 'invalid' {
  const m = CLINICAL.exec(scope);
  if (!m) return /^(patient|user|system)\//.test(scope) ? 'invalid' : 'other';
  const [, context, resourceType, perm, query] = m as unknown as [string, ScopeContext, string, string, string | undefined];
  if (!RESOURCE_TYPE.test(resourceType)) return 'invalid';
  let permissions: ScopePermissions;
  let version: 1 | 2;
  if (perm === 'read' || perm === 'write' || perm === '*') {
    if (query !== undefined) return 'invalid'; // granular restrictions are v2 only
    version = 1;
    const read = perm !== 'write';
    const write = perm !== 'read';
    permissions = { c: write, r: read, u: write, d: write, s: read };
  } else {
    if (!perm || !V2_LETTERS.test(perm)) return 'invalid';
    version = 2;
    permissions = { c: perm.includes('c'), r: perm.includes('r'), u: perm.includes('u'), d: perm.includes('d'), s: perm.includes('s') };
  }
  if (query === '') return 'invalid';
  return toGrant(scope, context, resourceType, permissions, version, query);
}

export function parseScopes(scopes: string | readonly string[]): ParsedScopes {
  const grants: ScopeGrant[] = [];
  const other: string[] = [];
  const invalid: string[] = [];
  for (const scope of scopeList(scopes)) {
    const parsed = parseScope(scope);
    if (parsed === 'other') other.push(scope);
    else if (parsed === 'invalid') invalid.push(scope);
    else grants.push(parsed);
  }
  return { grants, other, invalid };
}

/** Writes a grant back as a scope, in v1 syntax when it was v1 and v1 can say it, else v2. */
export function formatScope(grant: Omit<ScopeGrant, 'scope' | 'read' | 'write'>): string {
  const p = grant.permissions;
  const head = `${grant.context}/${grant.resourceType}.`;
  if (grant.version === 1 && grant.query === undefined) {
    const read = p.r && p.s;
    const write = p.c && p.u && p.d;
    const exactly = (r: boolean, w: boolean) => read === r && write === w && p.r === p.s && p.c === p.u && p.u === p.d;
    if (exactly(true, true)) return `${head}*`;
    if (exactly(true, false)) return `${head}read`;
    if (exactly(false, true)) return `${head}write`;
  }
  const letters = (['c', 'r', 'u', 'd', 's'] as const).filter((l) => p[l]).join('');
  return `${head}${letters}${grant.query !== undefined ? `?${grant.query}` : ''}`;
}

/**
 * What both grants allow: the same context, the narrower resource type, the common permissions,
 * and both restrictions; undefined when that is nothing. Keeps the syntax version of `a`.
 */
export function intersectGrants(a: ScopeGrant, b: ScopeGrant): ScopeGrant | undefined {
  if (a.context !== b.context) return undefined;
  const resourceType = a.resourceType === '*' ? b.resourceType : b.resourceType === '*' || b.resourceType === a.resourceType ? a.resourceType : undefined;
  if (!resourceType) return undefined;
  const permissions: ScopePermissions = {
    c: a.permissions.c && b.permissions.c,
    r: a.permissions.r && b.permissions.r,
    u: a.permissions.u && b.permissions.u,
    d: a.permissions.d && b.permissions.d,
    s: a.permissions.s && b.permissions.s,
  };
  if (!Object.values(permissions).some(Boolean)) return undefined;
  const queries = [a.query, b.query].filter((q): q is string => q !== undefined);
  const query = queries.length === 2 && queries[0] !== queries[1] ? queries.join('&') : queries[0];
  const version = query !== undefined ? 2 : a.version;
  const draft = { context: a.context, resourceType, permissions, version, ...(query !== undefined ? { query } : {}) } as const;
  return toGrant(formatScope(draft), a.context, resourceType, permissions, version, query);
}

/**
 * Whether the scopes allow an operation on a resource type, in any context or in the one given.
 * Grants with a v2 granular restriction (`?category=…`) are not counted: a caller that applies the
 * restriction as a search filter must look at the grants itself (parseScopes).
 */
export function allows(scopes: string | readonly string[] | ParsedScopes, resourceType: string, operation: ScopeOperation): boolean;
export function allows(
  scopes: string | readonly string[] | ParsedScopes,
  context: ScopeContext | undefined,
  resourceType: string,
  operation: ScopeOperation,
): boolean;
export function allows(scopes: string | readonly string[] | ParsedScopes, ...rest: [string, ScopeOperation] | [ScopeContext | undefined, string, ScopeOperation]): boolean {
  const [context, resourceType, operation] = rest.length === 2 ? [undefined, rest[0], rest[1]] : rest;
  const grants = isParsed(scopes) ? scopes.grants : parseScopes(scopes).grants;
  return grants.some(
    (g) =>
      g.query === undefined &&
      (context === undefined || g.context === context) &&
      (g.resourceType === '*' || g.resourceType === resourceType) &&
      permits(g.permissions, operation),
  );
}

function permits(p: ScopePermissions, operation: ScopeOperation): boolean {
  switch (operation) {
    case 'read':
      return p.r;
    case 'search':
      return p.s;
    case 'create':
      return p.c;
    case 'update':
      return p.u;
    case 'delete':
      return p.d;
    case 'write':
      return p.c && p.u && p.d;
  }
}

function isParsed(x: string | readonly string[] | ParsedScopes): x is ParsedScopes {
  return typeof x === 'object' && !Array.isArray(x) && 'grants' in x;
}

function toGrant(
  scope: string,
  context: ScopeContext,
  resourceType: string,
  permissions: ScopePermissions,
  version: 1 | 2,
  query: string | undefined,
): ScopeGrant {
  return {
    scope,
    context,
    resourceType,
    read: permissions.r && permissions.s,
    write: permissions.c && permissions.u && permissions.d,
    permissions: { ...NONE, ...permissions },
    version,
    ...(query !== undefined ? { query } : {}),
  };
}
