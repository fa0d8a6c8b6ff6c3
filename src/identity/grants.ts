/**
 * Which scopes a token gets, pure: what was asked, narrowed to what the client was registered with,
 * narrowed to what the kind of subject may ever hold (staff: `user/*.*`; patients: `patient/*.read`;
 * system clients: `system/*.*`).
 * @see https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html
 */
import { intersectGrants, parseScopes, scopeList, type ScopeGrant } from './smart-scopes.ts';

export type SubjectKind = 'user' | 'patient' | 'system';

/** The most each kind of subject may hold. */
const CEILING: Readonly<Record<SubjectKind, { clinical: string; other: readonly string[] }>> = {
  user: { clinical: 'user/*.*', other: ['openid', 'fhirUser', 'profile', 'offline_access', 'online_access'] },
  patient: { clinical: 'patient/*.read', other: ['openid', 'fhirUser', 'profile', 'offline_access', 'online_access', 'launch/patient'] },
  system: { clinical: 'system/*.*', other: [] },
};

export interface GrantRequest {
  /** The scope parameter as asked (space-separated) or a list. */
  readonly requested: string | readonly string[];
  /** The scopes the client was registered with. */
  readonly clientScopes: readonly string[];
  readonly subject: SubjectKind;
}

/** The granted scopes, in the order asked, without duplicates; unknown or disallowed scopes are dropped. */
export function grantScopes(request: GrantRequest): string[] {
  const asked = parseScopes(request.requested);
  const client = parseScopes(request.clientScopes);
  const ceiling = CEILING[request.subject];
  const ceilingGrants = parseScopes(ceiling.clinical).grants;
  const granted: (string | ScopeGrant)[] = [];
  for (const scope of scopeList(request.requested)) {
    if (asked.other.includes(scope)) {
      if (client.other.includes(scope) && ceiling.other.includes(scope) && !granted.includes(scope)) granted.push(scope);
      continue;
    }
    const grant = asked.grants.find((g) => g.scope === scope);
    if (!grant) continue;
    for (const narrowed of narrow(grant, client.grants, ceilingGrants)) {
      if (!granted.some((g) => typeof g !== 'string' && g.scope === narrowed.scope)) granted.push(narrowed);
    }
  }
  // Narrowing can yield grants that others already cover (e.g. system/Observation.read next to system/*.read).
  const clinical = granted.filter((g): g is ScopeGrant => typeof g !== 'string');
  return granted
    .filter((g) => typeof g === 'string' || !clinical.some((h) => h !== g && covers(h, g) && !(covers(g, h) && clinical.indexOf(g) < clinical.indexOf(h))))
    .map((g) => (typeof g === 'string' ? g : g.scope));
}

/** A scope list is a subset of another when each of its clinical grants is covered and each other scope is present. */
export function isScopeSubset(subset: readonly string[], of: readonly string[]): boolean {
  const a = parseScopes(subset);
  const b = parseScopes(of);
  if (a.invalid.length) return false;
  if (!a.other.every((s) => b.other.includes(s))) return false;
  return a.grants.every((g) => b.grants.some((h) => covers(h, g)));
}

function narrow(grant: ScopeGrant, client: readonly ScopeGrant[], ceiling: readonly ScopeGrant[]): ScopeGrant[] {
  const out: ScopeGrant[] = [];
  for (const c of client) {
    const byClient = intersectGrants(grant, c);
    if (!byClient) continue;
    for (const top of ceiling) {
      const g = intersectGrants(byClient, top);
      if (g) out.push(g);
    }
  }
  return out;
}

/** Whether `outer` allows everything `inner` does. */
function covers(outer: ScopeGrant, inner: ScopeGrant): boolean {
  const both = intersectGrants(inner, outer);
  if (!both) return false;
  const p = inner.permissions;
  const q = both.permissions;
  return both.resourceType === inner.resourceType && p.c === q.c && p.r === q.r && p.u === q.u && p.d === q.d && p.s === q.s && both.query === inner.query;
}
