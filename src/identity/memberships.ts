/**
 * Who a user is in the hospital, read from the store: the display name of their Practitioner (or
 * Patient) and their memberships (roles per unit) from active PractitionerRoles, cached per fhirUser
 * for 30 seconds. Also maps an external provider's subject to a Practitioner by identifier.
 * @see https://hl7.org/fhir/R4/practitionerrole.html
 */
import type { HumanName, Period, PractitionerRole, Reference } from '@medplum/fhirtypes';
import { isRole, KERNE_ROLE_SYSTEM, type Membership } from '../access/principal.ts';
import { FhirError } from '../errors/index.ts';
import type { FhirRepository } from '../fhir/repository/index.ts';

/** Identifier system on Practitioner that holds an external OIDC provider's `sub`. */
export const OIDC_SUBJECT_SYSTEM = 'urn:kerne:oidc-subject';

export const MEMBERSHIP_CACHE_MS = 30_000;
const MAX_ENTRIES = 10_000;

export interface UserFacts {
  /** A name for audit and UI; undefined when the resource has none. */
  readonly display: string | undefined;
  /** False when the Practitioner/Patient is missing, deleted or inactive. */
  readonly exists: boolean;
  readonly memberships: readonly Membership[];
}

export interface MembershipResolver {
  /** The facts of 'Practitioner/<id>' or 'Patient/<id>' (cached). */
  facts(fhirUser: string): Promise<UserFacts>;
  /** 'Practitioner/<id>' carrying the identifier urn:kerne:oidc-subject|sub, if exactly one does (cached). */
  practitionerForSubject(sub: string): Promise<string | undefined>;
  clear(): void;
}

export function createMembershipResolver(repo: FhirRepository, options: { ttlMs?: number; now?: () => number } = {}): MembershipResolver {
  const ttl = options.ttlMs ?? MEMBERSHIP_CACHE_MS;
  const now = options.now ?? Date.now;
  const facts = new TtlCache<UserFacts>(ttl, now);
  const subjects = new TtlCache<string | undefined>(ttl, now);
  return {
    facts: (fhirUser) => facts.get(fhirUser, () => loadFacts(repo, fhirUser)),
    practitionerForSubject: (sub) => subjects.get(sub, () => findPractitioner(repo, sub)),
    clear() {
      facts.clear();
      subjects.clear();
    },
  };
}

async function loadFacts(repo: FhirRepository, fhirUser: string): Promise<UserFacts> {
  const [type, id] = fhirUser.split('/') as [string, string | undefined];
  if ((type !== 'Practitioner' && type !== 'Patient') || !id) return { display: undefined, exists: false, memberships: [] };
  const resource = await readJson<{ active?: boolean; name?: HumanName[] }>(repo, type, id);
  if (!resource || resource.active === false) return { display: resource && nameOf(resource.name), exists: false, memberships: [] };
  const memberships = type === 'Practitioner' ? await loadMemberships(repo, fhirUser) : [];
  return { display: nameOf(resource.name), exists: true, memberships };
}

async function loadMemberships(repo: FhirRepository, practitioner: string): Promise<Membership[]> {
  const result = await repo.search({
    resourceType: 'PractitionerRole',
    params: [
      ['practitioner', practitioner],
      ['_count', '1000'],
    ],
    baseUrl: '',
    handling: 'strict',
  });
  const today = new Date().toISOString();
  const out: Membership[] = [];
  for (const entry of result.entries) {
    if (entry.mode !== 'match') continue;
    const role = JSON.parse(entry.json) as PractitionerRole;
    if (role.active === false || !inPeriod(role.period, today)) continue;
    const unit = unitOf(role.organization);
    for (const coding of (role.code ?? []).flatMap((c) => c.coding ?? [])) {
      if (coding.system !== KERNE_ROLE_SYSTEM || !coding.code || !isRole(coding.code)) continue;
      if (out.some((m) => m.role === coding.code && m.unit === unit)) continue;
      out.push(unit ? { role: coding.code, unit } : { role: coding.code });
    }
  }
  return out;
}

async function findPractitioner(repo: FhirRepository, sub: string): Promise<string | undefined> {
  const value = sub.replace(/[\\,|$]/g, '\\$&'); // FHIR search escaping
  const matches = await repo.findMatches('Practitioner', `identifier=${encodeURIComponent(`${OIDC_SUBJECT_SYSTEM}|${value}`)}`);
  return matches.length === 1 ? `Practitioner/${matches[0]!.id}` : undefined;
}

async function readJson<T>(repo: FhirRepository, type: string, id: string): Promise<T | undefined> {
  try {
    const stored = await repo.read(type, id);
    return stored.json ? (JSON.parse(stored.json) as T) : undefined;
  } catch (err) {
    if (err instanceof FhirError && (err.status === 404 || err.status === 410 || err.status === 400)) return undefined;
    throw err;
  }
}

function unitOf(organization: Reference | undefined): string | undefined {
  const ref = organization?.reference;
  return ref && /^Organization\/[A-Za-z0-9.-]{1,64}$/.test(ref) ? ref : undefined;
}

function inPeriod(period: Period | undefined, now: string): boolean {
  if (!period) return true;
  if (period.start && period.start > now) return false;
  if (period.end && period.end < now.slice(0, period.end.length)) return false;
  return true;
}

export function nameOf(names: HumanName[] | undefined): string | undefined {
  const name = names?.find((n) => n.use === 'official') ?? names?.[0];
  if (!name) return undefined;
  return name.text ?? ([...(name.given ?? []), name.family].filter(Boolean).join(' ') || undefined);
}


/** A small TTL cache of promises (concurrent callers share one load; failures are not kept). */
class TtlCache<T> {
  readonly #entries = new Map<string, { until: number; value: Promise<T> }>();
  readonly #ttl: number;
  readonly #now: () => number;

  constructor(ttl: number, now: () => number) {
    this.#ttl = ttl;
    this.#now = now;
  }

  get(key: string, load: () => Promise<T>): Promise<T> {
    const t = this.#now();
    const hit = this.#entries.get(key);
    if (hit && hit.until > t) return hit.value;
    if (this.#entries.size >= MAX_ENTRIES) this.#evict(t);
    const value = load();
    this.#entries.set(key, { until: t + this.#ttl, value });
    value.catch(() => this.#entries.delete(key));
    return value;
  }

  clear(): void {
    this.#entries.clear();
  }

  #evict(t: number): void {
    for (const [k, v] of this.#entries) if (v.until <= t) this.#entries.delete(k);
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.clear();
  }
}
