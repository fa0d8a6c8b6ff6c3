/**
 * A stand-in for the server's journal API (src/journal/api-types.ts) inside the contract stub:
 * GET /api/journal/patients/:patientId/search checks q as the server does (2–200 characters after
 * trimming, else 400 with an OperationOutcome on q), answers Karen Jensen's passages for "ikke
 * feber" (the negated passage first), a snippet with markup in it for "script", and no hits for
 * anything else. Ward management gets a 403 with the server's message. Records every query.
 * GET /api/journal/sources/DocumentReference/note-1 gives the first hit's whole note (its full text in the source panel).
 */
import type { FastifyInstance } from 'fastify';
import type { JournalHit, JournalSearchResult, JournalSource } from '../../src/journal/api-types.ts';
import type { StubApi } from './contract-stub.ts';

export interface JournalQuery {
  readonly patientId: string;
  readonly q: string | undefined;
  readonly limit: string | undefined;
  readonly user: string;
}

export interface JournalStub {
  /** Every search the app sent, in order. */
  readonly queries: JournalQuery[];
  routes(app: FastifyInstance, api: StubApi): Promise<void>;
}

export const JOURNAL_FORBIDDEN = 'Din rolle giver ikke adgang til journalens tekst';
/** What a hostile snippet tries to run: it must end up as text. */
export const XSS_SNIPPET = 'Pt. skrev: <script>window.__journalXss = true</script><img src="x" onerror="window.__journalXss = true"> om [[scriptet]].';

const hit = (extra: Partial<JournalHit> & Pick<JournalHit, 'source' | 'kind' | 'text' | 'snippet' | 'score'>): JournalHit => ({
  start: 0,
  end: [...extra.text].length,
  recorded: '2025-01-15',
  phrase: false,
  ...extra,
});

/** The whole text of the first hit's note (GET /api/journal/sources): an emoji before the passage, so offsets are code points, not UTF-16 units. */
const NOTE_1_BEFORE = 'Stuegang 🩺 15.01.2025\nSubjektivt: Har sovet godt. Spiser og drikker.\n\nObjektivt: ';
export const NOTE_1_TEXT = `${NOTE_1_BEFORE}Vågen og klar. Har ikke feber, men hoster fortsat.\n\nPlan: Fortsat observation.`;
const NOTE_1_START = [...NOTE_1_BEFORE].length;

const FEVER: readonly JournalHit[] = [
  hit({
    source: { type: 'DocumentReference', id: 'note-1', version: 3 },
    kind: 'laegenotat',
    section: 'Objektivt',
    start: NOTE_1_START,
    end: NOTE_1_START + [...'Vågen og klar. Har ikke feber, men hoster fortsat.'].length,
    text: 'Vågen og klar. Har ikke feber, men hoster fortsat.',
    snippet: 'Vågen og klar. Har [[ikke]] [[feber]], men hoster fortsat.',
    score: 0.92,
    phrase: true,
  }),
  hit({
    source: { type: 'DocumentReference', id: 'note-2', version: 1 },
    kind: 'sygeplejenotat',
    section: 'Observation',
    text: 'Feber om natten, 38,6. Ikke smerter.',
    snippet: '[[Feber]] om natten, 38,6. [[Ikke]] smerter.',
    recorded: '2025-01-14',
    score: 0.41,
  }),
  hit({
    source: { type: 'DiagnosticReport', id: 'crp-7', version: 1 },
    kind: 'mikrobiologi',
    text: 'Ingen vækst. Ikke tegn på feber-udløsende infektion.',
    snippet: 'Ingen vækst. [[Ikke]] tegn på [[feber]]-udløsende infektion.',
    recorded: '2025-01-13',
    score: 0.2,
  }),
];

const XSS: readonly JournalHit[] = [
  hit({
    source: { type: 'Communication', id: 'brev-1', version: 2 },
    kind: 'korrespondance',
    text: XSS_SNIPPET.replace(/\[\[|\]\]/g, ''),
    snippet: XSS_SNIPPET,
    score: 0.5,
  }),
];

export function createJournalStub(): JournalStub {
  const queries: JournalQuery[] = [];
  const routes = async (app: FastifyInstance, api: StubApi) => {
    app.get('/api/journal/patients/:patientId/search', async (req, reply) => {
      const w = api.who(req);
      if (!w) return api.unauthorized(reply);
      const { patientId } = req.params as { patientId: string };
      const { q, limit } = req.query as { q?: string; limit?: string };
      queries.push({ patientId, q, limit, user: w[0] });
      const query = (q ?? '').trim();
      if (query.length < 2 || query.length > 200) {
        return reply
          .code(400)
          .type('application/fhir+json')
          .send({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid', diagnostics: 'Search for 2 to 200 characters', expression: ['q'] }] });
      }
      if (w[1].role === 'afdelingsledelse') return api.send(reply, api.outcome(403, 'forbidden', JOURNAL_FORBIDDEN));
      if (!w[1].careFor.includes(patientId)) return api.send(reply, api.outcome(403, 'forbidden', 'Ingen behandlingsrelation til patienten'));
      const found = patientId === 'p-karen' ? (query.toLowerCase() === 'ikke feber' ? FEVER : query.toLowerCase().includes('script') ? XSS : []) : [];
      const max = Math.min(50, Math.max(1, Number(limit ?? 20) || 20));
      const result: JournalSearchResult = { query, hits: found.slice(0, max), generatedAt: new Date().toISOString() };
      return result;
    });
    // The whole text of the first "ikke feber" hit's note, at version 3, with the asked span checked (code points).
    app.get('/api/journal/sources/:type/:id', async (req, reply) => {
      if (!api.who(req)) return api.unauthorized(reply);
      const { type, id } = req.params as { type: string; id: string };
      const { version, start, end } = req.query as { version?: string; start?: string; end?: string };
      if (type !== 'DocumentReference' || id !== 'note-1') return api.send(reply, api.outcome(404, 'not-found', `${type}/${id} findes ikke`));
      const length = [...NOTE_1_TEXT].length;
      const [from, to] = [Number(start), Number(end)];
      const valid = Number.isInteger(from) && Number.isInteger(to) && from >= 0 && from < to && to <= length;
      const source: JournalSource = {
        resourceType: type,
        id,
        versionId: version ?? '3',
        currentVersionId: '3',
        title: 'Lægenotat',
        kind: 'laegenotat',
        date: '2025-01-15',
        text: NOTE_1_TEXT,
        ...(start !== undefined ? { highlight: { start: from, end: to, status: !valid ? 'invalid' : version === '3' ? 'valid' : 'stale' } } : {}),
      };
      return source;
    });
  };
  return { queries, routes };
}
