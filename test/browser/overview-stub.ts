/**
 * A stand-in for the server's Overblik, question and source routes (src/journal/api-types.ts) inside
 * the contract stub: Karen Jensen's overview (seven sections in the server's order; two empty, one
 * item negated, one in the family, flags, "Ny"), her sources by version with the asked span checked
 * (valid on the current version, stale on an older one, invalid outside the text), answers to two
 * questions (not found; a generated "Nej" with two sentences dropped and an AI event; an extractive
 * "Ja" after the model timed out, with its reason and an AI event), and the AI action endpoint. Offsets are Unicode code points, and the admission note has an emoji before the
 * cited words, so a screen that counts UTF-16 units marks the wrong words. Records every request.
 */
import type { FastifyInstance } from 'fastify';
import type { JournalAnswer, JournalCitation, JournalOverview, JournalSource } from '../../src/journal/api-types.ts';
import type { StubApi } from './contract-stub.ts';

export const KAREN_ID = 'p-karen';
const DAY = 86_400_000;

interface StubSourceVersion {
  readonly text: string;
  readonly date: string;
}

interface StubSource {
  readonly resourceType: string;
  readonly id: string;
  readonly title: string;
  readonly kind: string;
  readonly author?: string;
  readonly status?: string;
  /** Versions "1", "2", …; the last is current. */
  readonly versions: readonly StubSourceVersion[];
}

const cp = (s: string) => [...s].length;

export const ADMISSION_NOTE_TEXT =
  'Anamnese\nPt. 🫁 indlægges med dyspnø og hoste gennem 3 dage. CAVE penicillin (udslæt 2019).\n\nObjektivt\nVågen og klar. Ingen feber.\nSt.p.: Vesikulær respiration, u.t.p. pneumoni.\n\nPlan\nObservation efter NEWS2.';

const SOURCES: readonly StubSource[] = [
  {
    resourceType: 'Composition',
    id: 'note-1',
    title: 'Indlæggelsesnotat',
    kind: 'indlaeggelsesnotat',
    author: 'Karen Holm',
    status: 'final',
    versions: [{ text: ADMISSION_NOTE_TEXT, date: '2026-01-10T09:30:00Z' }],
  },
  {
    resourceType: 'Composition',
    id: 'note-2',
    title: 'Lægenotat',
    kind: 'laegenotat',
    author: 'Karen Holm',
    status: 'amended',
    versions: [
      { text: 'Stuegang: Metformin 500 mg x 2 pauseres pga. nedsat nyrefunktion.', date: '2026-01-11T10:00:00Z' },
      { text: 'Stuegang (rettet): Metformin seponeres pga. nedsat nyrefunktion. Genoptages ikke.', date: '2026-01-12T08:00:00Z' },
    ],
  },
  {
    resourceType: 'AllergyIntolerance',
    id: 'allergy-1',
    title: 'Allergi: Penicillin',
    kind: 'allergi',
    status: 'active',
    versions: [{ text: 'Penicillin. Reaktion: udslæt. Klinisk status: aktiv. Verifikation: bekræftet.', date: '2019-05-02' }],
  },
];

const spanOf = (source: StubSource, version: number, quote: string): JournalCitation => {
  const text = source.versions[version - 1]!.text;
  const at = text.indexOf(quote);
  if (at < 0) throw new Error(`"${quote}" is not in ${source.id} v${version}`);
  const start = cp(text.slice(0, at));
  return {
    kind: 'span',
    resourceType: source.resourceType,
    id: source.id,
    versionId: String(version),
    start,
    end: start + cp(quote),
    unit: 'codepoint',
    contentHash: `sha256:${source.id}-${version}`,
    quoteHash: `sha256:${quote.length}`,
    quote,
  };
};

const [NOTE_1, NOTE_2, ALLERGY] = SOURCES as [StubSource, StubSource, StubSource];

/** Citation [1] of the overview: "CAVE penicillin", after the emoji in the admission note. */
export const CAVE_CITATION = spanOf(NOTE_1, 1, 'CAVE penicillin (udslæt 2019)');
/** A citation of the ward-round note's first version (the note was amended since: stale). */
export const STALE_CITATION = spanOf(NOTE_2, 1, 'Metformin 500 mg x 2 pauseres');
export const ALLERGY_CITATION: JournalCitation = { kind: 'resource', resourceType: 'AllergyIntolerance', id: ALLERGY.id, versionId: '1' };
export const PNEUMONIA_CITATION = spanOf(NOTE_1, 1, 'u.t.p. pneumoni');
export const NO_FEVER_CITATION = spanOf(NOTE_1, 1, 'Ingen feber.');
export const ALLERGY_SUMMARY = ALLERGY.versions[0]!.text;

export const SECTION_TITLES = ['Allergier og CAVE', 'Aktuel medicin', 'Aktive problemer', 'Seneste vitale værdier', 'Seneste forløb', 'Afventende svar', 'Nyt siden sidst'];
export const EMPTY_TEXT = 'Ikke oplyst i journalen';
export const CONFLICT_FLAG = 'Konflikt: NKA i strukturerede data';
export const DISCONTINUED_FLAG = 'Seponeret i notat 12.01.2026';
export const AI_EVENT_ID = 'ai-event-7';
/** The AI event of the "penicillin" answer, extractive because the model timed out. */
export const FALLBACK_EVENT_ID = 'ai-event-8';
export const FALLBACK_REASON = 'timeout';

function overview(now: Date): JournalOverview {
  const daysAgo = (n: number) => new Date(now.getTime() - n * DAY).toISOString();
  const empty = (id: JournalOverview['sections'][number]['id'], title: string) => ({ id, title, items: [], emptyText: EMPTY_TEXT });
  return {
    patientId: KAREN_ID,
    generatedAt: now.toISOString(),
    buildMs: 12,
    lastOpened: daysAgo(2),
    sections: [
      {
        id: 'allergies',
        title: SECTION_TITLES[0]!,
        emptyText: EMPTY_TEXT,
        items: [{ text: 'CAVE penicillin (udslæt 2019)', date: daysAgo(3), origin: 'text', citations: [CAVE_CITATION, ALLERGY_CITATION], flags: [CONFLICT_FLAG] }],
      },
      {
        id: 'medication',
        title: SECTION_TITLES[1]!,
        emptyText: EMPTY_TEXT,
        items: [{ text: 'Metformin 500 mg × 2 dagligt', date: daysAgo(20), origin: 'structured', citations: [STALE_CITATION], flags: [DISCONTINUED_FLAG], isNew: true }],
      },
      {
        id: 'problems',
        title: SECTION_TITLES[2]!,
        emptyText: EMPTY_TEXT,
        items: [
          { text: 'Pneumoni', date: daysAgo(3), origin: 'text', citations: [PNEUMONIA_CITATION], assertion: 'negated' },
          { text: 'Iskæmisk hjertesygdom hos far', date: daysAgo(3), origin: 'text', citations: [CAVE_CITATION], assertion: 'family' },
        ],
      },
      {
        id: 'vitals',
        title: SECTION_TITLES[3]!,
        emptyText: EMPTY_TEXT,
        items: [{ text: 'Temperatur 37,2 °C', date: new Date(now.getTime() - 2 * 3600_000).toISOString(), origin: 'structured', citations: [NO_FEVER_CITATION] }],
      },
      empty('recentEvents', SECTION_TITLES[4]!),
      empty('pendingResults', SECTION_TITLES[5]!),
      {
        id: 'newSinceLastVisit',
        title: SECTION_TITLES[6]!,
        emptyText: EMPTY_TEXT,
        items: [{ text: 'Lægenotat rettet: metformin seponeret', date: daysAgo(1), origin: 'text', citations: [STALE_CITATION], isNew: true }],
      },
    ],
  };
}

/** The answers: "blodprop" is not in the record; "feber" gets a generated "Nej" citing "Ingen feber." (S2), two sentences dropped; "penicillin" an extractive "Ja" after a model timeout. */
function answer(question: string): JournalAnswer {
  if (/feber/i.test(question)) {
    const passage = (id: string, citation: JournalCitation & { kind: 'span' }) => ({ id, citation, kind: 'indlaeggelsesnotat', section: 'Objektivt', recorded: '2026-01-10T09:30:00Z', text: citation.quote, assertion: 'negated' as const });
    return {
      question,
      verdict: 'no',
      sentences: [{ text: 'Patienten havde ikke feber ved indlæggelsen.', citations: ['S2'] }],
      passages: [passage('S1', PNEUMONIA_CITATION as JournalCitation & { kind: 'span' }), passage('S2', NO_FEVER_CITATION as JournalCitation & { kind: 'span' })],
      mode: 'generated',
      model: { provider: 'node-llama-cpp', id: 'tiny-bytes', sha256: 'sha256:0' },
      droppedSentences: 2,
      aiEventId: AI_EVENT_ID,
    };
  }
  if (/penicillin/i.test(question)) {
    const passage = { id: 'S1', citation: CAVE_CITATION as JournalCitation & { kind: 'span' }, kind: 'indlaeggelsesnotat', section: 'Anamnese', recorded: '2026-01-10T09:30:00Z', text: 'CAVE penicillin (udslæt 2019)', assertion: 'present' as const };
    return { question, verdict: 'yes', sentences: [{ text: passage.text, citations: ['S1'] }], passages: [passage], mode: 'extractive', droppedSentences: 0, aiEventId: FALLBACK_EVENT_ID, fallbackReason: FALLBACK_REASON };
  }
  return { question, verdict: 'not-found', sentences: [], passages: [], mode: 'extractive', droppedSentences: 0 };
}

function sourceAt(source: StubSource, versionText: string | undefined, start?: number, end?: number): JournalSource | undefined {
  const current = source.versions.length;
  const version = versionText === undefined ? current : Number(versionText);
  const shown = source.versions[version - 1];
  if (!shown) return undefined;
  const length = cp(shown.text);
  const highlight =
    start === undefined || end === undefined
      ? undefined
      : { start, end, status: !(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end && end <= length) ? ('invalid' as const) : version === current ? ('valid' as const) : ('stale' as const) };
  return {
    resourceType: source.resourceType,
    id: source.id,
    versionId: String(version),
    currentVersionId: String(current),
    title: source.title,
    kind: source.kind,
    date: shown.date,
    ...(source.author ? { author: source.author } : {}),
    ...(source.status ? { status: source.status } : {}),
    text: shown.text,
    ...(highlight ? { highlight } : {}),
  };
}

export interface OverviewStub {
  readonly overviews: { patientId: string; user: string }[];
  readonly sources: string[];
  readonly questions: { patientId: string; body: unknown; user: string }[];
  readonly actions: { eventId: string; body: unknown; user: string }[];
  routes(app: FastifyInstance, api: StubApi): Promise<void>;
}

export function createOverviewStub(): OverviewStub {
  const stub: Omit<OverviewStub, 'routes'> = { overviews: [], sources: [], questions: [], actions: [] };
  const routes = async (app: FastifyInstance, api: StubApi) => {
    const access = (req: Parameters<StubApi['who']>[0], patientId: string) => {
      const w = api.who(req);
      if (!w) return { error: 'unauthorized' as const };
      if (!w[1].careFor.includes(patientId)) return { error: api.outcome(403, 'forbidden', 'Ingen behandlingsrelation til patienten'), user: w[0] };
      return { user: w[0] };
    };

    app.get('/api/journal/patients/:patientId/overview', async (req, reply) => {
      const { patientId } = req.params as { patientId: string };
      const a = access(req, patientId);
      if (a.error === 'unauthorized') return api.unauthorized(reply);
      stub.overviews.push({ patientId, user: a.user! });
      if (a.error) return api.send(reply, a.error);
      if (patientId !== KAREN_ID) return api.send(reply, api.outcome(404, 'not-found', `Patient/${patientId} findes ikke`));
      return overview(new Date());
    });

    app.post('/api/journal/patients/:patientId/ask', async (req, reply) => {
      const { patientId } = req.params as { patientId: string };
      const a = access(req, patientId);
      if (a.error === 'unauthorized') return api.unauthorized(reply);
      stub.questions.push({ patientId, body: req.body, user: a.user! });
      if (a.error) return api.send(reply, a.error);
      const question = String((req.body as { question?: unknown } | undefined)?.question ?? '').trim();
      if (question.length < 3 || question.length > 300) return api.send(reply, api.outcome(400, 'invalid', 'Ask in 3 to 300 characters'));
      return answer(question);
    });

    app.get('/api/journal/sources/:type/:id', async (req, reply) => {
      const w = api.who(req);
      if (!w) return api.unauthorized(reply);
      stub.sources.push(req.url);
      const { type, id } = req.params as { type: string; id: string };
      const q = req.query as { version?: string; start?: string; end?: string };
      const source = SOURCES.find((s) => s.resourceType === type && s.id === id);
      const found = source && sourceAt(source, q.version, q.start === undefined ? undefined : Number(q.start), q.end === undefined ? undefined : Number(q.end));
      if (!found) return api.send(reply, api.outcome(404, 'not-found', `${type}/${id} findes ikke`));
      return found;
    });

    app.post('/api/journal/ai-events/:eventId/actions', async (req, reply) => {
      const w = api.who(req);
      if (!w) return api.unauthorized(reply);
      const { eventId } = req.params as { eventId: string };
      stub.actions.push({ eventId, body: req.body, user: w[0] });
      if (eventId !== AI_EVENT_ID && eventId !== FALLBACK_EVENT_ID) return api.send(reply, api.outcome(404, 'not-found', 'Unknown AI event'));
      return reply.code(204).send();
    });
  };
  return { ...stub, routes };
}
