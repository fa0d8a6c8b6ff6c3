/**
 * Batch and transaction Bundles. A transaction is atomic: urn:uuid and fullUrl references are
 * rewritten, conditional references resolved, ifNoneExist honoured, and any failing entry rolls
 * back everything and is named in the error. Plain creates are written in one statement.
 * @see https://hl7.org/fhir/R4/http.html#transaction
 */
import { randomUUID } from 'node:crypto';
import type { Binary, Resource } from '@medplum/fhirtypes';
import { badRequest, FhirError, IssueType, toFhirError } from '../../errors/index.ts';
import type { FhirRepository, NewVersion, WriteContext } from '../repository/index.ts';
import { handleInteraction } from '../rest/interactions.ts';
import type { FhirRequest, FhirResponse } from '../rest/fhir-request.ts';
import type { Prefer } from '../rest/prefer.ts';
import { parseBundle, type BundleEntryRequest } from './parse-entries.ts';
import { parseConditionalReference, rewriteReferences, undoRewrites, type RewriteLog } from './references.ts';

/** Processing order within a transaction. */
const ORDER: Record<string, number> = { DELETE: 0, POST: 1, PUT: 2, PATCH: 3, GET: 4, HEAD: 4 };

export interface BundleContext {
  readonly baseUrl: string;
  readonly prefer: Prefer;
}

export async function processBundle(repo: FhirRepository, body: unknown, context: BundleContext): Promise<string> {
  const { type, entries } = parseBundle(body);
  const responses = type === 'transaction' ? await runTransaction(repo, entries, context) : await runBatch(repo, entries, context);
  return `{"resourceType":"Bundle","type":"${type}-response","entry":[${responses.map(responseEntryJson).join(',')}]}`;
}

async function runBatch(repo: FhirRepository, entries: BundleEntryRequest[], context: BundleContext): Promise<FhirResponse[]> {
  const out: FhirResponse[] = [];
  for (const entry of entries) {
    try {
      out.push(await handleInteraction(repo, toRequest(entry, entry.resource, context)));
    } catch (err) {
      const e = toFhirError(err);
      out.push({ status: e.status, body: JSON.stringify(e.outcome) });
    }
  }
  return out;
}

async function runTransaction(repo: FhirRepository, entries: BundleEntryRequest[], context: BundleContext): Promise<FhirResponse[]> {
  const rewrites: RewriteLog = [];
  return repo.transaction(async (ctx) => {
    // A retried transaction (after a deadlock) starts again from the client's input.
    undoRewrites(rewrites);
    const resources = entries.map((e) => e.resource);
    const ids = new Map<string, string>(); // fullUrl → Type/id
    const plan: { entry: BundleEntryRequest; existing?: string; id?: string }[] = entries.map((entry) => ({ entry }));
    const seenConditions = new Map<string, string>();

    for (const p of plan) {
      await atEntry(p.entry, async () => {
        const { entry } = p;
        const [type, id] = entry.path;
        if (entry.method === 'POST' && type && id === undefined) {
          assertBodyType(entry, resources[entry.index], type);
          if (entry.ifNoneExist) {
            const query = entry.ifNoneExist.replace(/^[^?]*\?/, '');
            const key = `${type}?${query}`;
            const already = seenConditions.get(key);
            if (already) p.existing = already;
            else {
              await repo.lockKey(ctx, key);
              const matches = await repo.findMatches(type, query, ctx.q);
              if (matches.length > 1) throw new FhirError(412, IssueType.multipleMatches, `ifNoneExist '${query}' matches more than one ${type}`);
              if (matches[0]) p.existing = matches[0].id;
            }
            p.id = p.existing ?? randomUUID();
            seenConditions.set(key, p.id);
          } else p.id = randomUUID();
          if (entry.fullUrl) ids.set(entry.fullUrl, `${type}/${p.id}`);
        } else if (entry.method === 'PUT' && type) {
          if (id !== undefined) {
            p.id = id;
          } else {
            const query = new URLSearchParams(entry.query).toString();
            await repo.lockKey(ctx, `${type}?${query}`);
            const matches = await repo.findMatches(type, query, ctx.q);
            if (matches.length > 1) throw new FhirError(412, IssueType.multipleMatches, `The condition '${query}' matches more than one ${type}`);
            p.id = matches[0]?.id ?? (resources[entry.index]?.id || randomUUID());
          }
          if (entry.fullUrl) ids.set(entry.fullUrl, `${type}/${p.id}`);
        }
      });
    }

    // Rewrite references: urn:uuid/fullUrl → Type/id, conditional references → the one match.
    for (const entry of entries) {
      const resource = resources[entry.index];
      if (!resource) continue;
      const conditional: string[] = [];
      rewriteReferences(
        resource,
        (ref) => {
          const mapped = ids.get(ref);
          if (mapped) return mapped;
          if (parseConditionalReference(ref)) conditional.push(ref);
          return ref;
        },
        rewrites,
      );
      if (conditional.length) {
        await atEntry(entry, async () => {
          const resolved = new Map<string, string>();
          for (const ref of conditional) {
            const { type, query } = parseConditionalReference(ref)!;
            const matches = await repo.findMatches(type, query, ctx.q);
            if (matches.length !== 1) {
              throw new FhirError(412, IssueType.multipleMatches, `The conditional reference '${ref}' matches ${matches.length} resources, not exactly one`);
            }
            resolved.set(ref, `${type}/${matches[0]!.id}`);
          }
          rewriteReferences(resource, (ref) => resolved.get(ref) ?? ref, rewrites);
        });
      }
    }

    const responses: FhirResponse[] = new Array(entries.length);
    const pending: { index: number; version: NewVersion }[] = [];
    const ordered = [...plan].sort((a, b) => ORDER[a.entry.method]! - ORDER[b.entry.method]! || a.entry.index - b.entry.index);
    for (const p of ordered) {
      const { entry } = p;
      await atEntry(entry, async () => {
        const resource = resources[entry.index];
        const [type] = entry.path;
        if (entry.method === 'POST' && type && entry.path.length === 1) {
          if (p.existing) {
            const stored = await repo.read(type, p.existing, ctx.q);
            responses[entry.index] = { status: 200, body: stored.json ?? '', ...headers(stored) };
          } else {
            const prepared = await repo.prepareVersion(ctx, { ...resource!, id: p.id! }, 1, 'create');
            pending.push({ index: entry.index, version: prepared.newVersion });
            responses[entry.index] = { status: 201, body: prepared.stored.json!, ...headers(prepared.stored) };
          }
          return;
        }
        if (pending.length) await flush(repo, ctx, pending);
        const path = entry.method === 'PUT' && type ? [type, p.id!] : entry.path;
        const body = entry.method === 'PUT' && resource ? { ...resource, id: p.id } : entry.method === 'PATCH' ? patchBody(entry) : resource;
        responses[entry.index] = await handleInteraction(repo, { ...toRequest(entry, body, context), path, query: entry.method === 'PUT' ? [] : entry.query }, ctx);
      });
    }
    if (pending.length) await flush(repo, ctx, pending);
    return responses.map((r) => (context.prefer.return === 'minimal' ? { ...r, body: undefined } : r)) as FhirResponse[];
  });
}

async function flush(repo: FhirRepository, ctx: WriteContext, pending: { index: number; version: NewVersion }[]): Promise<void> {
  await repo.writePrepared(ctx, pending.map((p) => p.version));
  pending.length = 0;
}

/** Runs one entry's step; an error names the entry. */
async function atEntry<T>(entry: BundleEntryRequest, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const e = toFhirError(err);
    const where = `Bundle.entry[${entry.index}]`;
    const issues = e.outcome.issue.map((i) => ({
      ...i,
      details: { text: `${where} (${entry.method} ${entry.url.slice(0, 100)}): ${i.details?.text ?? i.diagnostics ?? i.code}` },
      expression: [where, ...(i.expression ?? [])],
    }));
    throw new FhirError(e.status, issues);
  }
}

function assertBodyType(entry: BundleEntryRequest, resource: Resource | undefined, type: string): void {
  if (resource?.resourceType !== type) {
    throw badRequest(`The resource is a ${String(resource?.resourceType ?? 'nothing')}, but the request URL is ${type}`, `Bundle.entry[${entry.index}].resource.resourceType`);
  }
}

function patchBody(entry: BundleEntryRequest): unknown {
  const binary = entry.resource as Binary | undefined;
  if (!binary?.data) throw badRequest('A PATCH entry needs a Binary with base64 JSON Patch data', `Bundle.entry[${entry.index}].resource`);
  try {
    return JSON.parse(Buffer.from(binary.data, 'base64').toString('utf8'));
  } catch {
    throw badRequest('The PATCH entry Binary.data is not base64 JSON', `Bundle.entry[${entry.index}].resource.data`);
  }
}

function toRequest(entry: BundleEntryRequest, body: unknown, context: BundleContext): FhirRequest {
  return {
    method: entry.method,
    path: entry.path,
    query: entry.query,
    body: entry.method === 'PATCH' && entry.resource?.resourceType === 'Binary' ? patchBody(entry) : body,
    ifMatch: entry.ifMatch,
    ifNoneExist: entry.ifNoneExist,
    ifNoneMatch: entry.ifNoneMatch,
    prefer: context.prefer,
    baseUrl: context.baseUrl,
  };
}

function headers(stored: { type: string; id: string; versionId: number; lastUpdated: string }) {
  return { location: `${stored.type}/${stored.id}/_history/${stored.versionId}`, etag: `W/"${stored.versionId}"`, lastModified: stored.lastUpdated };
}

const STATUS_TEXT: Record<number, string> = { 200: '200 OK', 201: '201 Created', 204: '204 No Content', 304: '304 Not Modified', 400: '400 Bad Request', 404: '404 Not Found', 409: '409 Conflict', 410: '410 Gone', 412: '412 Precondition Failed', 422: '422 Unprocessable Entity' };

function responseEntryJson(r: FhirResponse): string {
  const status = STATUS_TEXT[r.status] ?? String(r.status);
  const parts = [`"status":"${status}"`];
  if (r.location) parts.push(`"location":${JSON.stringify(r.location)}`);
  if (r.etag) parts.push(`"etag":${JSON.stringify(r.etag)}`);
  if (r.lastModified) parts.push(`"lastModified":${JSON.stringify(r.lastModified)}`);
  if (r.status >= 400 && r.body) return `{"response":{${parts.join(',')},"outcome":${r.body}}}`;
  return `{${r.body ? `"resource":${r.body},` : ''}"response":{${parts.join(',')}}}`;
}
