/**
 * /api/documents: upload a document to a patient's archive (JSON with the file as base64, up to
 * MAX_DOCUMENT_BYTES), list the patient's documents by category, and view one document's bytes. The
 * JSON shapes are in ./api-types.ts. Every route needs a bearer token; the record is read and written
 * through the caller's repository (access rule, audit).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { badRequest } from '../errors/index.ts';
import type { Caller } from '../logistics/index.ts';
import { DOCUMENT_CATEGORIES, isDocumentCategory, MAX_DOCUMENT_BYTES } from './api-types.ts';
import type { DocumentsService } from './documents-service.ts';
import { checkUpload } from './upload-request.ts';
import { isValidId } from '../fhir/repository/index.ts';

export interface DocumentsPluginOptions {
  readonly service: DocumentsService;
  readonly callerFor: (req: FastifyRequest) => Promise<Caller>;
}

/** The file as base64 (4 characters per 3 bytes) and the other fields. */
export const UPLOAD_BODY_LIMIT = Math.ceil((MAX_DOCUMENT_BYTES * 4) / 3) + 64 * 1024;

/** A document shown in the web app's viewer: nothing in it may run or load anything. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

export async function documentsPlugin(app: FastifyInstance, options: DocumentsPluginOptions): Promise<void> {
  const { service, callerFor } = options;
  const idParam = (req: FastifyRequest, name: string) => {
    const id = (req.params as Record<string, string>)[name] ?? '';
    if (!isValidId(id)) throw badRequest(`Invalid ${name}`, name);
    return id;
  };

  app.post('/api/documents/patients/:patientId', { bodyLimit: UPLOAD_BODY_LIMIT }, async (req, reply) => {
    const patientId = idParam(req, 'patientId');
    const upload = checkUpload(req.body);
    const result = await service.upload(await callerFor(req), patientId, upload);
    return reply.code(201).header('Location', `/api/documents/${result.id}/content`).send(result);
  });

  app.get('/api/documents/patients/:patientId', async (req) => {
    const patientId = idParam(req, 'patientId');
    const raw = (req.query as Record<string, unknown>).category;
    const category = raw === undefined || raw === '' ? null : raw;
    if (category !== null && !isDocumentCategory(category)) throw badRequest(`Unknown category; one of ${DOCUMENT_CATEGORIES.join(', ')}`, 'category');
    return service.list(await callerFor(req), patientId, category);
  });

  app.get('/api/documents/:id/content', async (req, reply) => {
    const content = await service.content(await callerFor(req), idParam(req, 'id'));
    return reply
      .type(content.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : content.contentType)
      .header('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(content.title)}`)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
      .header('Cache-Control', 'private, no-store')
      .send(content.bytes);
  });
}
