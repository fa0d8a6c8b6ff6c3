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
import type { SearchPort, SearchRequest, SearchResult } from './ports.ts';
import { lockResourceKey, readCurrentRow, readVersionRow } from './read-rows.ts';
import type { NewVersion, StoredResource } from './stored-resource.ts';
import { writeVersions } from './write-versions.ts';

export interface RepositoryDeps {
  readonly db: Db;
  readonly validator: ResourceValidator;
  readonly search: SearchPort;
  readonly commits?: CommitListener;
  readonly now?: () => Date;
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

export class FhirRepository {
  readonly #db: Db;
  readonly #validator: ResourceValidator;
  readonly #search: SearchPort;
  readonly #commits: CommitListener | undefined;
  readonly #now: () => Date;

  constructor(deps: RepositoryDeps) {
    this.#db = deps.db;
    this.#validator = deps.validator;
    this.#search = deps.search;
    this.#commits = deps.commits;
    this.#now = deps.now ?? (() => new Date());
  }

  get db(): Db {
    return this.#db;
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
        return result;
      } catch (err) {
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
    return row;
  }

  async vread(type: string, id: string, versionId: string, q: Queryable = this.#db): Promise<StoredResource> {
    assertType(type);
    assertValidId(id);
    if (!/^\d{1,9}$/.test(versionId)) throw badRequest(`Invalid version id '${versionId.slice(0, 40)}'`, 'versionId');
    const row = await readVersionRow(q, type, id, Number(versionId));
    if (!row) throw notFound(`${type}/${id}/_history/${versionId}`);
    if (row.deleted) throw gone(`${type}/${id}/_history/${versionId}`);
    return row;
  }

  async history(query: HistoryQuery, q: Queryable = this.#db): Promise<HistoryPage> {
    if (query.type) assertType(query.type);
    if (query.id) assertValidId(query.id);
    return readHistory(q, query);
  }

  async search(req: SearchRequest, q: Queryable = this.#db): Promise<SearchResult> {
    assertType(req.resourceType);
    return this.#search.executeSearch(q, req);
  }

  /** Ids of the current resources matching a search query (conditional interactions). */
  async findMatches(type: string, query: string, q: Queryable = this.#db, limit = 2) {
    assertType(type);
    return this.#search.findMatchingIds(q, type, query, limit);
  }

  // ---- writes (each also usable inside a transaction context) ------------------------------

  async create(resource: Resource, options: { ifNoneExist?: string } = {}): Promise<WriteResult> {
    if (options.ifNoneExist) return this.transaction((ctx) => this.createIn(ctx, resource, options));
    const result = await this.createIn({ q: this.#db }, resource, options);
    this.#commits?.committed();
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
        if (existing?.json) return { stored: existing, resource: JSON.parse(existing.json) as Resource, outcome: 'existing' };
      }
    }
    const version = this.#prepare({ ...resource, id: randomUUID() }, 1, 'create');
    const [rid] = await writeVersions(ctx.q, [version.newVersion]);
    return { stored: { ...version.stored, rid: rid! }, resource: version.resource, outcome: 'created' };
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
    const version = this.#prepare(resource, versionId, action, current?.rid);
    const [rid] = await writeVersions(ctx.q, [version.newVersion]);
    return { stored: { ...version.stored, rid: rid! }, resource: version.resource, outcome: action === 'create' ? 'created' : 'updated' };
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
    const version = this.#prepare(patched, current.versionId + 1, 'update', current.rid);
    const [rid] = await writeVersions(ctx.q, [version.newVersion]);
    return { stored: { ...version.stored, rid: rid! }, resource: version.resource, outcome: 'updated' };
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
    };
    const [rid] = await writeVersions(ctx.q, [newVersion]);
    const stored: StoredResource = { rid: rid!, type, id, versionId: newVersion.versionId, lastUpdated, deleted: true, json: null };
    return { stored, resource: { resourceType: type, id } as Resource, outcome: 'deleted' };
  }

  /** Holds a transaction-scoped lock on a key (a conditional query or Type/id) until the transaction ends. */
  async lockKey(ctx: WriteContext, key: string): Promise<void> {
    await lockResourceKey(ctx.q, key);
  }

  /** Validates and stamps a resource, and computes its index rows: everything but the SQL. */
  prepareVersion(resource: Resource, versionId: number, action: NewVersion['action']) {
    return this.#prepare(resource, versionId, action);
  }

  /** Writes prepared versions in one statement (transaction bundles batch their creates this way). */
  async writePrepared(ctx: WriteContext, versions: readonly NewVersion[]): Promise<string[]> {
    return writeVersions(ctx.q, versions);
  }

  #prepare(resource: Resource, versionId: number, action: NewVersion['action'], previousRid?: string) {
    const lastUpdated = this.#now().toISOString();
    const { versionId: _v, lastUpdated: _l, ...meta } = resource.meta ?? {};
    const stamped = { ...resource, meta: { ...meta, versionId: String(versionId), lastUpdated } } as Resource;
    this.#validator.validate(stamped);
    const json = JSON.stringify(stamped);
    assertNoControlCharacters(json, stamped.resourceType);
    const id = stamped.id!;
    const newVersion: NewVersion = {
      type: stamped.resourceType,
      id,
      versionId,
      lastUpdated,
      deleted: false,
      json,
      index: this.#search.extractIndexRows(stamped),
      action,
      ...(previousRid ? { previousRid } : {}),
    };
    const stored: StoredResource = { rid: '', type: stamped.resourceType, id, versionId, lastUpdated, deleted: false, json };
    return { newVersion, stored, resource: stamped };
  }
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
