/**
 * A stand-in for the server's notes API (src/notes/api-types.ts) inside the contract stub, in
 * memory: the real templates, drafts checked with the server's own content check (a bad value is a
 * 400 naming content.fields.<field>), If-Match versions (a stale one is a 409), signing and
 * amending with the signed versions, and each version's text (built with the server's Composition
 * builder). Records every write's body and If-Match. Karen Jensen (p-karen) only.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { NoteContent, NoteVersionSummary, NoteVersionView, NoteView } from '../../src/notes/api-types.ts';
import { buildComposition, NOTE_TEMPLATES, readNote, templateById } from '../../src/notes/index.ts';
import { checkContent } from '../../src/notes/note-validation.ts';
import type { StubApi } from './contract-stub.ts';

export interface NoteWrite {
  readonly method: string;
  readonly path: string;
  readonly ifMatch: string | undefined;
  readonly body: unknown;
  readonly user: string;
}

export interface NotesStub {
  /** Every write the app sent, in order. */
  readonly writes: NoteWrite[];
  routes(app: FastifyInstance, api: StubApi): Promise<void>;
}

interface StoredNote {
  view: NoteView;
  /** Every stored version by FHIR versionId. */
  history: Map<number, NoteVersionView>;
}

export function createNotesStub(): NotesStub {
  const writes: NoteWrite[] = [];
  const notes = new Map<string, StoredNote>();
  let nextId = 1;

  const store = (stored: StoredNote | undefined, base: Omit<NoteView, 'sections' | 'versionId' | 'versions' | 'signedVersions'> & { content: NoteContent }, reason?: string): StoredNote => {
    const template = templateById(base.templateId!)!;
    const versionId = (stored?.view.versionId ?? 0) + 1;
    const composition = buildComposition({ template, content: base.content, status: base.status === 'preliminary' ? 'preliminary' : base.status === 'amended' ? 'amended' : 'final', patientId: base.patientId, author: { reference: base.author.reference!, display: base.author.display }, date: base.date, ...(reason ? { reason } : {}) });
    const sections = readNote(composition).sections;
    const history = stored?.history ?? new Map<number, NoteVersionView>();
    history.set(versionId, { id: base.id, versionId, status: base.status, title: base.title, date: base.date, author: base.author, sections, content: base.content, ...(reason ? { reason } : {}) });
    const versions: NoteVersionSummary[] = [...history.values()]
      .filter((v) => v.status !== 'preliminary')
      .map((v, i) => ({ number: i + 1, versionId: v.versionId, status: v.status, date: v.date, author: v.author, ...(v.reason ? { reason: v.reason } : {}) }));
    const view: NoteView = { ...base, sections, versionId, versions, signedVersions: versions.length, ...(reason ? { amendmentReason: reason } : {}) };
    const next = { view, history };
    notes.set(base.id, next);
    return next;
  };

  const routes = async (app: FastifyInstance, api: StubApi) => {
    const signedIn = (req: FastifyRequest, reply: FastifyReply) => {
      const w = api.who(req);
      if (!w) {
        api.unauthorized(reply);
        return undefined;
      }
      return w;
    };
    const record = (req: FastifyRequest, user: string) =>
      writes.push({ method: req.method, path: req.url, ifMatch: typeof req.headers['if-match'] === 'string' ? req.headers['if-match'] : undefined, body: req.body, user });
    const invalid = (reply: FastifyReply, problems: readonly { expression: string; message: string }[]) =>
      reply.code(400).type('application/fhir+json').send({ resourceType: 'OperationOutcome', issue: problems.map((p) => ({ severity: 'error', code: 'invalid', details: { text: p.message }, expression: [p.expression] })) });
    /** The note at the If-Match version, or the reply already sent (404, 409). */
    const atVersion = (req: FastifyRequest, reply: FastifyReply): StoredNote | undefined => {
      const note = notes.get((req.params as { id: string }).id);
      if (!note) {
        api.send(reply, api.outcome(404, 'not-found', 'Note not found'));
        return undefined;
      }
      const version = Number(/^W\/"(\d+)"$/.exec(String(req.headers['if-match']))?.[1]);
      if (version !== note.view.versionId) {
        api.send(reply, api.outcome(409, 'conflict', `The note has changed since you opened it: it is at version ${note.view.versionId}, not ${version}. Reload it.`));
        return undefined;
      }
      return note;
    };

    app.get('/api/notes/templates', async (req, reply) => (signedIn(req, reply) ? { templates: NOTE_TEMPLATES } : reply));
    app.get('/api/notes/patients/:patientId', async (req, reply) => {
      const w = signedIn(req, reply);
      if (!w) return reply;
      const { patientId } = req.params as { patientId: string };
      if (!w[1].careFor.includes(patientId)) return api.send(reply, api.outcome(403, 'forbidden', 'Ingen behandlingsrelation til patienten'));
      const list = [...notes.values()].filter((n) => n.view.patientId === patientId).map((n) => n.view).reverse();
      return { notes: list.map(({ id, title, templateId, status, date, author, versionId, signedVersions }) => ({ id, title, templateId, status, date, author, versionId, signedVersions })) };
    });
    app.post('/api/notes/patients/:patientId', async (req, reply) => {
      const w = signedIn(req, reply);
      if (!w) return reply;
      record(req, w[0]);
      const { patientId } = req.params as { patientId: string };
      const template = templateById(String((req.body as { templateId?: unknown }).templateId));
      if (!template) return invalid(reply, [{ expression: 'templateId', message: 'Unknown note template' }]);
      if (!template.roles.includes(w[1].role)) return api.send(reply, api.outcome(403, 'forbidden', `${template.title.en} is written by the role ${template.roles.join(' or ')}`));
      const id = `note-${nextId++}`;
      const stored = store(undefined, { id, patientId, title: template.title.da, templateId: template.id, status: 'preliminary', date: new Date().toISOString(), author: { reference: 'Practitioner/stub', display: w[1].display }, content: { sections: {}, fields: {} }, resources: {} });
      return reply.code(201).send(stored.view);
    });
    app.get('/api/notes/:id', async (req, reply) => {
      if (!signedIn(req, reply)) return reply;
      return notes.get((req.params as { id: string }).id)?.view ?? api.send(reply, api.outcome(404, 'not-found', 'Note not found'));
    });
    app.get('/api/notes/:id/versions/:versionId', async (req, reply) => {
      if (!signedIn(req, reply)) return reply;
      const { id, versionId } = req.params as { id: string; versionId: string };
      return notes.get(id)?.history.get(Number(versionId)) ?? api.send(reply, api.outcome(404, 'not-found', 'Version not found'));
    });
    app.put('/api/notes/:id', async (req, reply) => {
      const w = signedIn(req, reply);
      if (!w) return reply;
      record(req, w[0]);
      const note = atVersion(req, reply);
      if (!note) return reply;
      const checked = checkContent(templateById(note.view.templateId!)!, (req.body as { content?: unknown }).content);
      if (!checked.ok) return invalid(reply, checked.problems);
      return store(note, { ...note.view, content: checked.content, date: new Date().toISOString() }).view;
    });
    app.post('/api/notes/:id/sign', async (req, reply) => {
      const w = signedIn(req, reply);
      if (!w) return reply;
      record(req, w[0]);
      const note = atVersion(req, reply);
      if (!note) return reply;
      if (note.view.status !== 'preliminary') return api.send(reply, api.outcome(409, 'conflict', 'Already signed'));
      return store(note, { ...note.view, content: note.view.content!, status: 'final', date: new Date().toISOString(), resources: note.view.content?.fields.weight ? { weight: 'Observation/w-1' } : {} }).view;
    });
    app.post('/api/notes/:id/amend', async (req, reply) => {
      const w = signedIn(req, reply);
      if (!w) return reply;
      record(req, w[0]);
      const note = atVersion(req, reply);
      if (!note) return reply;
      const body = req.body as { content?: unknown; reason?: unknown };
      const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
      if (reason.length < 5) return invalid(reply, [{ expression: 'reason', message: 'Say why the note is amended (5 to 1000 characters)' }]);
      const checked = checkContent(templateById(note.view.templateId!)!, body.content);
      if (!checked.ok) return invalid(reply, checked.problems);
      return store(note, { ...note.view, content: checked.content, status: 'amended', date: new Date().toISOString(), author: { reference: 'Practitioner/stub', display: w[1].display } }, reason).view;
    });
  };
  return { writes, routes };
}
