/**
 * The FHIR repository: the one layer every read and write goes through. It validates, versions,
 * indexes and records each change in the outbox within the same statement or transaction.
 * @see https://hl7.org/fhir/R4/http.html
 */
import { randomUUID } from 'node:crypto';
import type { Resource } from '@medplum/fhirtypes';
import fastJsonPatch, { type Operation } from 'fast-json-patch';
import type { Db, Queryable } from '../../db/index.ts';
import { badRequest, FhirError, gone, IssueType, notFound, preconditionFailed } from '../../errors/index.ts';
import type { CommitListener } from '../../events/change.ts';
import { isResourceType } from '../definitions/index.ts';
import { emptyIndexRows } from '../search/index-rows.ts';
import type { ResourceValidator } from '../validation/validator.ts';
import { assertNoControlCharacters } from './control-characters.ts';
import { assertValidId } from './fhir-id.ts';
import { readHistory, type HistoryPage, type HistoryQuery } from './history.ts';
import { patientIdOf } from './patient-compartment.ts';
import type { AccessGuard, SearchPort, SearchRequest, SearchResult } from './ports.ts';
import { lockResourceKey, lockResourceKeys, readCurrentRow, readVersionRow } from './read-rows.ts';
import { hasSensitiveLabel, isPsychiatricOrganization, sensitivitySources, withRestrictedLabel } from './sensitivity.ts';
import type { NewVersion, StoredResource } from './stored-resource.ts';
import { writeVersions } from './write-versions.ts';

export interface RepositoryDeps {
  readonly db: Db;
  readonly validator: ResourceValidator;
  readonly search: SearchPort;
  readonly commits?: CommitListener;
  readonly now?: () => Date;
  /** The caller's access control and audit; absent for Kerne's own trusted work (imports, demo data, workers). */
  readonly guard?: AccessGuard;
}

/** The outcome of a write: the stored version and whether it was newly created. */
export interface WriteResult {
  readonly stored: StoredResource;
  readonly resource: Resource;
  /** 'created': a new resource; 'updated'; 'deleted'; 'existing': a conditional create matched. */
  readonly outcome: 'created' | 'updated' | 'deleted' | 'existing' | 'unchanged';
}

export interface WriteOptions {
  /** The version the client last saw (If-Match); a different current version fails with 412. */
  readonly ifMatch?: number;
}

/** A write context: the open transaction, and any writes it deferred to its end. */
export interface WriteContext {
  readonly q: Queryable;
}

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock

/** Sensitivity learnt within one transaction (a psychiatric unit or encounter written earlier in a bundle). */
const sensitiveInTransaction = new WeakMap<WriteContext, Map<string, boolean>>();

export class FhirRepository {
  readonly #deps: RepositoryDeps;
  readonly #guard: AccessGuard | undefined;
  readonly #db: Db;
  readonly #validator: ResourceValidator;
  readonly #search: SearchPort;
  readonly #commits: CommitListener | undefined;
  readonly #now: () => Date;

  constructor(deps: RepositoryDeps) {
    this.#deps = deps;
    this.#guard = deps.guard;
    this.#db = deps.db;
    this.#validator = deps.validator;
    this.#search = deps.search;
    this.#commits = deps.commits;
    this.#now = deps.now ?? (() => new Date());
  }

  get db(): Db {
    return this.#db;
  }

  /** The same repository acting for one caller: every read and write is checked and audited by `guard`. */
  forCaller(guard: AccessGuard): FhirRepository {
    return new FhirRepository({ ...this.#deps, guard });
  }

  /** Search helpers the HTTP layer uses to render results. */
  get searchPort(): SearchPort {
    return this.#search;
  }

  /** Runs fn in one database transaction (retried on deadlock); commit listeners hear of it after commit. */
  async transaction<T>(fn: (ctx: WriteContext) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.#db.transaction((q) => fn({ q }));
        this.#commits?.committed();
        await this.#guard?.committed();
        return result;
      } catch (err) {
        this.#guard?.rolledBack();
        const code = (err as { code?: string }).code;
        if (attempt < 4 && code && RETRYABLE.has(code)) continue;
        throw err;
      }
    }
  }

  // ---- reads -------------------------------------------------------------------------------

  async read(type: string, id: string, q: Queryable = this.#db): Promise<StoredResource> {
    assertType(type);
    assertValidId(id);
    const row = await readCurrentRow(q, type, id);
    if (!row) throw notFound(`${type}/${id}`);
    if (row.deleted) throw gone(`${type}/${id}`);
    await this.#guard?.checkRead(row, 'read');
    return row;
  }

  async vread(type: string, id: string, versionId: string, q: Queryable = this.#db): Promise<StoredResource> {
    assertType(type);
    assertValidId(id);
    if (!/^\d{1,9}$/.test(versionId)) throw badRequest(`Invalid version id '${versionId.slice(0, 40)}'`, 'versionId');
    const row = await readVersionRow(q, type, id, Number(versionId));
    if (!row) throw notFound(`${type}/${id}/_history/${versionId}`);
    if (row.deleted) throw gone(`${type}/${id}/_history/${versionId}`);
    await this.#guard?.checkRead(row, 'vread');
    return row;
  }

  async history(query: HistoryQuery, q: Queryable = this.#db): Promise<HistoryPage> {
    if (query.type) assertType(query.type);
    if (query.id) assertValidId(query.id);
    const guard = this.#guard;
    if (!guard) return readHistory(q, query);
    if (query.type && query.id) {
      const current = await readCurrentRow(q, query.type, query.id);
      if (current) await guard.checkRead(current, 'history-instance');
    }
    const access = await guard.rowFilter(query.type, query.id ? 'history-instance' : query.type ? 'history-type' : 'history-system');
    const page = await readHistory(q, { ...query, access });
    await guard.afterHistory(query, page);
    return page;
  }

  async search(req: SearchRequest, q: Queryable = this.#db): Promise<SearchResult> {
    assertType(req.resourceType);
    const guard = this.#guard;
    if (!guard) return this.#search.executeSearch(q, req);
    const access = await guard.rowFilter(req.resourceType, 'search-type');
    return guard.afterSearch(req, await this.#search.executeSearch(q, { ...req, access }));
  }

  /** Ids of the current resources matching a search query (conditional interactions). */
  async findMatches(type: string, query: string, q: Queryable = this.#db, limit = 2) {
    assertType(type);
    return this.#search.findMatchingIds(q, type, query, limit);
  }

  // ---- writes (each also usable inside a transaction context) ------------------------------

  async create(resource: Resource, options: { ifNoneExist?: string } = {}): Promise<WriteResult> {
    if (options.ifNoneExist) return this.transaction((ctx) => this.createIn(ctx, resource, options));
    let result: WriteResult;
    try {
      result = await this.createIn({ q: this.#db }, resource, options);
    } catch (err) {
      this.#guard?.rolledBack();
      throw err;
    }
    this.#commits?.committed();
    await this.#guard?.committed();
    return result;
  }

  async createIn(ctx: WriteContext, resource: Resource, options: { ifNoneExist?: string } = {}): Promise<WriteResult> {
    assertResourceBody(resource);
    if (options.ifNoneExist) {
      const key = `${resource.resourceType}?${options.ifNoneExist}`;
      await lockResourceKey(ctx.q, key);
      const matches = await this.findMatches(resource.resourceType, options.ifNoneExist, ctx.q);
      if (matches.length > 1) throw preconditionFailed(`If-None-Exist '${options.ifNoneExist}' matches more than one ${resource.resourceType}`);
      if (matches.length === 1) {
        const existing = await readCurrentRow(ctx.q, resource.resourceType, matches[0]!.id);
        if (existing?.json) {
          await this.#guard?.checkRead(existing, 'read');
          return { stored: existing, resource: JSON.parse(existing.json) as Resource, outcome: 'existing' };
        }
      }
    }
    const version = await this.prepareVersion(ctx, { ...resource, id: randomUUID() }, 1, 'create');
    const [rid] = await writeVersions(ctx.q, [version.newVersion]);
    return this.#wrote('create', { stored: { ...version.stored, rid: rid! }, resource: version.resource, outcome: 'created' });
  }

  async update(resource: Resource, options: WriteOptions = {}): Promise<WriteResult> {
    return this.transaction((ctx) => this.updateIn(ctx, resource, options));
  }

  /** Update, or update-as-create when the id is new. */
  async updateIn(ctx: WriteContext, resource: Resource, options: WriteOptions = {}): Promise<WriteResult> {
    assertResourceBody(resource);
    if (!resource.id) throw badRequest('An update needs the resource id in the body', `${resource.resourceType}.id`);
    assertValidId(resource.id, `${resource.resourceType}.id`);
    await lockResourceKey(ctx.q, `${resource.resourceType}/${resource.id}`);
    const current = await readCurrentRow(ctx.q, resource.resourceType, resource.id, true);
    if (options.ifMatch !== undefined && current?.versionId !== options.ifMatch) {
      throw preconditionFailed(
        `Version conflict: ${resource.resourceType}/${resource.id} is at version ${current?.versionId ?? 'none'}, not ${options.ifMatch}`,
      );
    }
    const versionId = (current?.versionId ?? 0) + 1;
    const action = current && !current.deleted ? 'update' : 'create';
    const version = await this.#prepareChecked(ctx, resource, versionId, action, action === 'update' ? current : undefined, current?.rid);
    const [rid] = await writeVersions(ctx.q, [version.newVersion]);
    return this.#wrote(action, { stored: { ...version.stored, rid: rid! }, resource: version.resource, outcome: action === 'create' ? 'created' : 'updated' });
  }

  /** Conditional update: no match creates, one match updates it, several fail with 412. */
  async conditionalUpdateIn(ctx: WriteContext, type: string, query: string, resource: Resource, options: WriteOptions = {}): Promise<WriteResult> {
    assertResourceBody(resource);
    if (resource.resourceType !== type) throw badRequest(`The body is a ${resource.resourceType}, not a ${type}`, 'resourceType');
    await lockResourceKey(ctx.q, `${type}?${query}`);
    const matches = await this.findMatches(type, query, ctx.q);
    if (matches.length > 1) throw preconditionFailed(`The condition '${query}' matches more than one ${type}`);
    const match = matches[0];
    if (!match) {
      if (resource.id) return this.updateIn(ctx, resource, options);
      return this.createIn(ctx, resource);
    }
    if (resource.id && resource.id !== match.id) {
      throw badRequest(`The body's id '${resource.id}' differs from the matching resource ${type}/${match.id}`, `${type}.id`);
    }
    return this.updateIn(ctx, { ...resource, id: match.id }, options);
  }

  async patch(type: string, id: string, operations: unknown, options: WriteOptions = {}): Promise<WriteResult> {
    return this.transaction((ctx) => this.patchIn(ctx, type, id, operations, options));
  }

  /** JSON Patch (RFC 6902). @see https://hl7.org/fhir/R4/http.html#patch */
  async patchIn(ctx: WriteContext, type: string, id: string, operations: unknown, options: WriteOptions = {}): Promise<WriteResult> {
    assertType(type);
    assertValidId(id);
    if (!Array.isArray(operations) || operations.length === 0) throw badRequest('A JSON Patch body is a non-empty array of operations', 'Patch');
    await lockResourceKey(ctx.q, `${type}/${id}`);
    const current = await readCurrentRow(ctx.q, type, id, true);
    if (!current) throw notFound(`${type}/${id}`);
    if (current.deleted || !current.json) throw gone(`${type}/${id}`);
    if (options.ifMatch !== undefined && current.versionId !== options.ifMatch) {
      throw preconditionFailed(`Version conflict: ${type}/${id} is at version ${current.versionId}, not ${options.ifMatch}`);
    }
    const error = fastJsonPatch.validate(operations as Operation[], JSON.parse(current.json));
    if (error) throw badRequest(`Invalid JSON Patch: ${error.message.split('\n')[0]}`, `Patch[${String(error.index ?? 0)}]`);
    let patched: Resource;
    try {
      patched = fastJsonPatch.applyPatch(JSON.parse(current.json), operations as Operation[], true, false).newDocument as Resource;
    } catch (err) {
      throw badRequest(`JSON Patch could not be applied: ${(err as Error).message.split('\n')[0]}`, 'Patch');
    }
    if (patched?.resourceType !== type || patched.id !== id) throw badRequest('A patch may not change resourceType or id', 'Patch');
    const version = await this.#prepareChecked(ctx, patched, current.versionId + 1, 'patch', current, current.rid);
    const [rid] = await writeVersions(ctx.q, [version.newVersion]);
    return this.#wrote('patch', { stored: { ...version.stored, rid: rid! }, resource: version.resource, outcome: 'updated' });
  }

  async delete(type: string, id: string): Promise<WriteResult | undefined> {
    return this.transaction((ctx) => this.deleteIn(ctx, type, id));
  }

  /** Soft delete: a tombstone version; history stays. Deleting what is absent or deleted is a no-op. */
  async deleteIn(ctx: WriteContext, type: string, id: string): Promise<WriteResult | undefined> {
    assertType(type);
    assertValidId(id);
    await lockResourceKey(ctx.q, `${type}/${id}`);
    const current = await readCurrentRow(ctx.q, type, id, true);
    if (!current || current.deleted) return undefined;
    await this.#guard?.checkWrite('delete', type, current, undefined);
    const lastUpdated = this.#now().toISOString();
    const newVersion: NewVersion = {
      type,
      id,
      versionId: current.versionId + 1,
      lastUpdated,
      deleted: true,
      json: null,
      index: emptyIndexRows(),
      action: 'delete',
      previousRid: current.rid,
      patientId: current.patientId,
      sensitive: current.sensitive,
    };
    const [rid] = await writeVersions(ctx.q, [newVersion]);
    const stored: StoredResource = {
      rid: rid!, type, id, versionId: newVersion.versionId, lastUpdated, deleted: true, json: null, patientId: current.patientId, sensitive: current.sensitive,
    };
    return this.#wrote('delete', { stored, resource: { resourceType: type, id } as Resource, outcome: 'deleted' });
  }

  /** Holds a transaction-scoped lock on a key (a conditional query or Type/id) until the transaction ends. */
  async lockKey(ctx: WriteContext, key: string): Promise<void> {
    await lockResourceKey(ctx.q, key);
  }

  /** Holds several transaction-scoped locks, taken in a fixed order. */
  async lockKeys(ctx: WriteContext, keys: readonly string[]): Promise<void> {
    await lockResourceKeys(ctx.q, keys);
  }

  /**
   * Labels, validates and stamps a new resource, computes its index rows, and checks that the caller
   * may create it: everything but the SQL (transaction bundles batch their creates this way).
   */
  async prepareVersion(ctx: WriteContext, resource: Resource, versionId: number, action: 'create') {
    return this.#prepareChecked(ctx, resource, versionId, action, undefined);
  }

  /** Writes prepared creates in one statement. */
  async writePrepared(ctx: WriteContext, versions: readonly NewVersion[]): Promise<string[]> {
    const rids = await writeVersions(ctx.q, versions);
    if (this.#guard) versions.forEach((v, i) => this.#guard!.wrote('create', { ...v, rid: rids[i]! }));
    return rids;
  }

  async #prepareChecked(ctx: WriteContext, resource: Resource, versionId: number, interaction: 'create' | 'update' | 'patch', before: StoredResource | undefined, previousRid?: string) {
    const labelled = await this.#labelSensitive(ctx, resource);
    const version = this.#prepare(labelled, versionId, interaction === 'patch' ? 'update' : interaction, previousRid);
    await this.#guard?.checkWrite(interaction, labelled.resourceType, before, version.newVersion);
    return version;
  }

  #wrote(interaction: 'create' | 'update' | 'patch' | 'delete', result: WriteResult): WriteResult {
    this.#guard?.wrote(interaction, result.stored);
    return result;
  }

  /**
   * Psychiatric data is labelled restricted (R) when written: an Encounter at a psychiatric unit, and
   * what is recorded in a sensitive encounter. Sources written earlier in the same transaction count.
   */
  async #labelSensitive(ctx: WriteContext, resource: Resource): Promise<Resource> {
    let known = sensitiveInTransaction.get(ctx);
    const remember = (ref: string, value: boolean) => {
      if (!known) sensitiveInTransaction.set(ctx, (known = new Map()));
      known.set(ref, value);
    };
    if (isPsychiatricOrganization(resource) && resource.id) remember(`Organization/${resource.id}`, true);
    let sensitive = hasSensitiveLabel(resource);
    if (!sensitive) {
      const sources = sensitivitySources(resource);
      const unknown = sources.filter((ref) => known?.get(ref) === undefined);
      sensitive = sources.some((ref) => known?.get(ref) === true);
      if (!sensitive && unknown.length > 0) {
        // Remembered for the rest of the transaction: a batch of readings shares its patient and stay.
        const found = await sensitivityOf(ctx.q, unknown);
        for (const ref of unknown) remember(ref, found.get(ref) ?? false);
        sensitive = unknown.some((ref) => found.get(ref) === true);
      }
    }
    if (resource.resourceType === 'Encounter' && resource.id) remember(`Encounter/${resource.id}`, sensitive);
    return sensitive ? withRestrictedLabel(resource) : resource;
  }

  #prepare(resource: Resource, versionId: number, action: NewVersion['action'], previousRid?: string) {
    const lastUpdated = this.#now().toISOString();
    const { versionId: _v, lastUpdated: _l, ...meta } = resource.meta ?? {};
    const stamped = { ...resource, meta: { ...meta, versionId: String(versionId), lastUpdated } } as Resource;
    this.#validator.validate(stamped);
    const json = JSON.stringify(stamped);
    assertNoControlCharacters(json, stamped.resourceType);
    const id = stamped.id!;
    const index = this.#search.extractIndexRows(stamped);
    const patientId = patientIdOf(stamped.resourceType, id, index);
    const sensitive = hasSensitiveLabel(stamped);
    const newVersion: NewVersion = {
      type: stamped.resourceType,
      id,
      versionId,
      lastUpdated,
      deleted: false,
      json,
      index,
      action,
      patientId,
      sensitive,
      ...(previousRid ? { previousRid } : {}),
    };
    const stored: StoredResource = { rid: '', type: stamped.resourceType, id, versionId, lastUpdated, deleted: false, json, patientId, sensitive };
    return { newVersion, stored, resource: stamped };
  }
}

/** Is one of the referenced units psychiatric, or one of the referenced encounters sensitive? */
/** Whether each existing source is sensitive (a psychiatric unit, a sensitive stay or patient), by 'Type/id'. */
async function sensitivityOf(q: Queryable, refs: readonly string[]): Promise<Map<string, boolean>> {
  const split = refs.map((ref) => ref.split('/') as [string, string]);
  const rows = await q.query<{ type: string; id: string; sensitive: boolean; content: string | null }>(
    `SELECT r.type, r.id, r.sensitive, CASE WHEN r.type = 'Organization' THEN r.content END AS content
       FROM unnest($1::text[], $2::text[]) AS m(type, id) JOIN resource r ON r.type = m.type AND r.id = m.id WHERE NOT r.deleted`,
    [split.map((s) => s[0]), split.map((s) => s[1])],
    { name: 'kerne_sensitivity_of_sources' },
  );
  return new Map(rows.map((r) => [`${r.type}/${r.id}`, r.type === 'Organization' ? !!r.content && isPsychiatricOrganization(JSON.parse(r.content) as Resource) : r.sensitive]));
}

function assertType(type: string): void {
  if (!isResourceType(type)) throw new FhirError(404, IssueType.notSupported, `Unknown resource type '${type.slice(0, 64)}'`, 'resourceType');
}

function assertResourceBody(resource: unknown): asserts resource is Resource {
  if (typeof resource !== 'object' || resource === null || Array.isArray(resource)) {
    throw badRequest('The body must be a FHIR resource (a JSON object)', 'resourceType');
  }
  const type = (resource as { resourceType?: unknown }).resourceType;
  if (typeof type !== 'string') throw badRequest('The resource has no resourceType', 'resourceType');
  if (!isResourceType(type)) throw badRequest(`Unknown resourceType '${type.slice(0, 64)}'`, 'resourceType');
}
