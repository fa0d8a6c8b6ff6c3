/**
 * A stand-in for the server's document archive API (src/documents/api-types.ts) inside the contract
 * stub: Karen Jensen has three documents (a PDF discharge summary, a consent as PNG, a GP's letter as
 * text); GET lists them newest first, filtered by ?category= (an unknown one is a 400); POST checks the
 * body as the server does in outline (fields, base64, magic bytes against the declared type: 400 naming
 * the field) and archives it; GET …/content answers the bytes with their type. No care relation: 403.
 * Records every upload body and content request.
 */
import type { FastifyInstance } from 'fastify';
import { DOCUMENT_CATEGORIES, type DocumentList, type DocumentSummary, type DocumentUpload } from '../../src/documents/api-types.ts';
import { PNG_1x1 } from '../support/document-files.ts';
import type { StubApi } from './contract-stub.ts';

export interface DocumentsStub {
  /** Every upload body the app sent, in order. */
  readonly uploads: DocumentUpload[];
  /** Every content request: the document id and the user. */
  readonly contentRequests: { id: string; user: string }[];
  /** Every list request's category ('' for all). */
  readonly listCategories: string[];
  routes(app: FastifyInstance, api: StubApi): Promise<void>;
}

const MAGIC: Record<string, (b: Buffer) => boolean> = {
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/png': (b) => b.subarray(0, 8).equals(PNG_1x1.subarray(0, 8)),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'text/plain': (b) => !b.includes(0),
};

const summary = (extra: Partial<DocumentSummary> & Pick<DocumentSummary, 'id' | 'title' | 'category' | 'date' | 'contentType' | 'size'>): DocumentSummary => ({
  archived: `${extra.date}T10:00:00.000Z`,
  author: 'Søren Ærø',
  hasText: extra.contentType !== 'image/png',
  textStatus: extra.contentType === 'image/png' ? 'none' : 'extracted',
  ...extra,
});

export function createDocumentsStub(pdf: Buffer): DocumentsStub {
  const uploads: DocumentUpload[] = [];
  const contentRequests: { id: string; user: string }[] = [];
  const listCategories: string[] = [];
  const letter = Buffer.from('Kære kollega. Henvises med åndenød. Mvh. egen læge', 'utf8');
  const files = new Map<string, { summary: DocumentSummary; bytes: Buffer; patient: string }>([
    ['doc-epikrise', { patient: 'p-karen', bytes: pdf, summary: summary({ id: 'doc-epikrise', title: 'Epikrise, Regionshospitalet', category: 'epikrise', date: '2025-01-20', contentType: 'application/pdf', size: pdf.length }) }],
    ['doc-samtykke', { patient: 'p-karen', bytes: PNG_1x1, summary: summary({ id: 'doc-samtykke', title: 'Samtykke til operation', category: 'samtykke', date: '2025-01-18', contentType: 'image/png', size: PNG_1x1.length }) }],
    ['doc-brev', { patient: 'p-karen', bytes: letter, summary: summary({ id: 'doc-brev', title: 'Henvisning fra egen læge', category: 'brev-fra-egen-laege', date: '2025-01-10', contentType: 'text/plain', size: letter.length }) }],
  ]);
  const invalid = (field: string, text: string) => ({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid', details: { text }, expression: [field] }] });

  const routes = async (app: FastifyInstance, api: StubApi) => {
    app.get('/api/documents/patients/:patientId', async (req, reply) => {
      const w = api.who(req);
      if (!w) return api.unauthorized(reply);
      const { patientId } = req.params as { patientId: string };
      const category = (req.query as { category?: string }).category ?? '';
      listCategories.push(category);
      if (!w[1].careFor.includes(patientId)) return api.send(reply, api.outcome(403, 'forbidden', 'Ingen behandlingsrelation til patienten'));
      if (category && !(DOCUMENT_CATEGORIES as readonly string[]).includes(category)) return reply.code(400).type('application/fhir+json').send(invalid('category', 'Unknown category'));
      const documents = [...files.values()]
        .filter((f) => f.patient === patientId && (!category || f.summary.category === category))
        .map((f) => f.summary)
        .sort((a, b) => b.date.localeCompare(a.date));
      const list: DocumentList = { patientId, category: (category || null) as DocumentList['category'], documents };
      return list;
    });

    app.post('/api/documents/patients/:patientId', { bodyLimit: 4 * 1024 * 1024 }, async (req, reply) => {
      const w = api.who(req);
      if (!w) return api.unauthorized(reply);
      const { patientId } = req.params as { patientId: string };
      const body = req.body as DocumentUpload;
      uploads.push(body);
      if (!w[1].careFor.includes(patientId)) return api.send(reply, api.outcome(403, 'forbidden', 'Ingen behandlingsrelation til patienten'));
      const bad = (field: string, text: string) => reply.code(400).type('application/fhir+json').send(invalid(field, text));
      if (!body?.title?.trim()) return bad('title', 'Give the document a title');
      if (!(DOCUMENT_CATEGORIES as readonly string[]).includes(body.category)) return bad('category', 'Unknown category');
      const check = MAGIC[body.contentType];
      if (!check) return bad('contentType', `Documents of type ${body.contentType} are not accepted`);
      if (typeof body.data !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(body.data)) return bad('data', 'data is not valid base64');
      const bytes = Buffer.from(body.data, 'base64');
      if (!check(bytes)) return bad('data', `The content is not ${body.contentType}`);
      const id = `doc-${files.size + 1}`;
      const today = new Date().toISOString().slice(0, 10);
      const s = summary({ id, title: body.title.trim(), category: body.category, date: body.date ?? today, contentType: body.contentType, size: bytes.length, author: w[1].display });
      files.set(id, { patient: patientId, bytes, summary: s });
      return reply.code(201).send(s);
    });

    app.get('/api/documents/:id/content', async (req, reply) => {
      const w = api.who(req);
      if (!w) return api.unauthorized(reply);
      const { id } = req.params as { id: string };
      contentRequests.push({ id, user: w[0] });
      const file = files.get(id);
      if (!file) return api.send(reply, api.outcome(404, 'not-found', `DocumentReference/${id} not found`));
      if (!w[1].careFor.includes(file.patient)) return api.send(reply, api.outcome(403, 'forbidden', 'Ingen behandlingsrelation til patienten'));
      const type = file.summary.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : file.summary.contentType;
      return reply.type(type).header('Content-Disposition', 'inline').header('X-Content-Type-Options', 'nosniff').send(file.bytes);
    });
  };
  return { uploads, contentRequests, listCategories, routes };
}
