/**
 * /api/notes: the note templates, a patient's notes, drafts (create, autosave), signing, amending
 * and the signed versions. JSON shapes in ./api-types.ts. Every route needs a bearer token; reads
 * and writes go through the caller's repository (access rules, audit). Writes take the version the
 * client last saw as If-Match (W/"3") or `version` in the body; a stale one is a 409.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { badRequest } from '../errors/index.ts';
import type { Caller } from '../logistics/index.ts';
import type { AmendNoteRequest, CreateNoteRequest, NoteView } from './api-types.ts';
import type { NotesService } from './notes-service.ts';
import { isValidId } from '../fhir/repository/index.ts';

type P = Record<string, string>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The version a write is based on: If-Match (a weak or strong ETag) or `version` in the body. */
export function baseVersion(ifMatch: string | undefined, body: unknown): number {
  const fromHeader = ifMatch?.match(/^(?:W\/)?"(\d{1,9})"$/)?.[1];
  const raw = fromHeader ?? (isObject(body) ? body.version : undefined);
  const version = typeof raw === 'string' ? Number(raw) : raw;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw badRequest('Give the version you last saw (If-Match: W/"n" or "version")', 'version');
  return version;
}

export async function notesPlugin(app: FastifyInstance, options: { service: NotesService; callerFor: (req: FastifyRequest) => Promise<Caller> }): Promise<void> {
  const { service, callerFor } = options;
  const idParam = (req: FastifyRequest, name: string) => {
    const id = (req.params as P)[name] ?? '';
    if (!isValidId(id)) throw badRequest(`Invalid ${name}`, name);
    return id;
  };
  const body = (req: FastifyRequest): Record<string, unknown> => {
    if (req.body === undefined || req.body === null) return {};
    if (!isObject(req.body)) throw badRequest('The body must be a JSON object');
    return req.body;
  };
  const withETag = (reply: FastifyReply, note: NoteView) => reply.header('etag', `W/"${note.versionId}"`).send(note);
  const ifMatch = (req: FastifyRequest) => (typeof req.headers['if-match'] === 'string' ? req.headers['if-match'] : undefined);

  app.get('/api/notes/templates', async (req) => {
    await callerFor(req); // signed-in users only
    return service.templates();
  });
  app.get('/api/notes/patients/:patientId', async (req) => service.list(await callerFor(req), idParam(req, 'patientId')));
  app.post('/api/notes/patients/:patientId', async (req, reply) => {
    const b = body(req);
    const note = await service.create(await callerFor(req), idParam(req, 'patientId'), { templateId: b.templateId, ...(b.content !== undefined ? { content: b.content } : {}) } as CreateNoteRequest);
    return withETag(reply.code(201), note);
  });
  app.get('/api/notes/:id', async (req, reply) => withETag(reply, await service.get(await callerFor(req), idParam(req, 'id'))));
  app.get('/api/notes/:id/versions/:versionId', async (req) => service.version(await callerFor(req), idParam(req, 'id'), idParam(req, 'versionId')));
  app.put('/api/notes/:id', async (req, reply) => {
    const b = body(req);
    const version = baseVersion(ifMatch(req), b);
    return withETag(reply, await service.saveDraft(await callerFor(req), idParam(req, 'id'), version, b.content));
  });
  app.post('/api/notes/:id/sign', async (req, reply) => {
    const version = baseVersion(ifMatch(req), body(req));
    return withETag(reply, await service.sign(await callerFor(req), idParam(req, 'id'), version));
  });
  app.post('/api/notes/:id/amend', async (req, reply) => {
    const b = body(req);
    const version = baseVersion(ifMatch(req), b);
    return withETag(reply, await service.amend(await callerFor(req), idParam(req, 'id'), version, b as unknown as AmendNoteRequest));
  });
}
