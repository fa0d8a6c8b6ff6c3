/**
 * A stand-in for the server's timeline API (src/timeline/api-types.ts) inside the contract stub:
 * GET /api/timeline/patients/:patientId?from&to answers Karen Jensen's course around 15 January 2025
 * (an ongoing admission, a note, a lab result, a GP's referral, PRO answers, a message to the GP,
 * and one from the municipality in December 2024) with the entries that overlap the window and the
 * counts per kind and sector, as the server does. from and to are checked (a 400 OperationOutcome
 * on from, as the server would); no care relation is a 403. Records every query.
 */
import type { FastifyInstance } from 'fastify';
import type { TimelineEntry, TimelineKind, TimelineResult, TimelineSector } from '../../src/timeline/api-types.ts';
import { TIMELINE_KINDS, TIMELINE_SECTORS } from '../../src/timeline/api-types.ts';
import type { StubApi } from './contract-stub.ts';

export interface TimelineQuery {
  readonly patientId: string;
  readonly from: string | undefined;
  readonly to: string | undefined;
  readonly user: string;
}

export interface TimelineStub {
  readonly queries: TimelineQuery[];
  routes(app: FastifyInstance, api: StubApi): Promise<void>;
}

/** The moment the browser's clock is fixed at (Copenhagen time). */
export const TIMELINE_NOW = '2025-01-15T14:00:00+01:00';

const entry = (id: string, kind: TimelineKind, sector: TimelineSector, start: string, title: string, extra: Partial<TimelineEntry> = {}): TimelineEntry => {
  const [type, sourceId] = id.split('/') as [string, string];
  return { id, kind, sector, start, title, source: { type, id: sourceId, versionId: '1' }, ...extra };
};

export const KAREN_COURSE: readonly TimelineEntry[] = [
  entry('Communication/m-kommune', 'message', 'municipality', '2024-12-20T10:00:00+01:00', 'Besked fra Hjemmeplejen Nord', { direction: 'in', organization: 'Hjemmeplejen Nord', detail: 'Visitation · Borgeren har hjemmepleje morgen og aften.', text: 'Borgeren har hjemmepleje morgen og aften.' }),
  entry('QuestionnaireResponse/q-who5', 'pro', 'patient', '2025-01-03T18:00:00+01:00', 'Spørgeskema: WHO-5 Trivselsindeks', { detail: '5 svar', status: 'completed' }),
  entry('Encounter/e-med', 'contact', 'hospital-somatic', '2025-01-10T08:00:00+01:00', 'Indlæggelse – Medicinsk afdeling M1', { contactClass: 'inpatient', organization: 'Medicinsk afdeling M1', detail: 'Pneumoni', status: 'in-progress' }),
  entry('DocumentReference/d-henvisning', 'document', 'general-practice', '2025-01-12T09:00:00+01:00', 'Henvisning fra egen læge', {
    detail: 'Henvises med åndenød og feber.', link: { url: 'https://dokumenter.example.dk/henvisning.pdf', title: 'Henvisning.pdf', contentType: 'application/pdf' }, status: 'current',
  }),
  entry('Communication/m-gp', 'message', 'general-practice', '2025-01-14T13:00:00+01:00', 'Besked til Lægerne i Brabrand', { direction: 'out', organization: 'Lægerne i Brabrand', detail: 'Patienten udskrives i morgen.' }),
  entry('Observation/o-hb', 'result', 'hospital-somatic', '2025-01-15T08:00:00+01:00', 'Hæmoglobin', { detail: '7,4 mmol/L (lavt; ref. 8,3–10,5)', status: 'final' }),
  entry('Composition/n-stuegang', 'note', 'hospital-somatic', '2025-01-15T10:00:00+01:00', 'Stuegang', {
    detail: 'Lægenotat · Objektivt: Vågen og klar.', text: 'Objektivt:\nVågen og klar. Ingen feber.\nPlan:\nFortsat antibiotika.', status: 'final',
  }),
];

const ongoing = (e: TimelineEntry) => !e.end && (e.kind === 'contact' || e.kind === 'episode');
const overlaps = (e: TimelineEntry, from: number, to: number) => Date.parse(e.start) <= to && (e.end ? Date.parse(e.end) : ongoing(e) ? Infinity : Date.parse(e.start)) >= from;

export function createTimelineStub(): TimelineStub {
  const queries: TimelineQuery[] = [];
  const routes = async (app: FastifyInstance, api: StubApi) => {
    app.get('/api/timeline/patients/:patientId', async (req, reply) => {
      const w = api.who(req);
      if (!w) return api.unauthorized(reply);
      const { patientId } = req.params as { patientId: string };
      const { from, to } = req.query as { from?: string; to?: string };
      queries.push({ patientId, from, to, user: w[0] });
      const fromMs = Date.parse(from ?? '');
      const toMs = Date.parse(to ?? '');
      if (Number.isNaN(fromMs) || Number.isNaN(toMs) || fromMs > toMs) {
        return reply.code(400).type('application/fhir+json').send({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid', diagnostics: 'from must be a date or a time with time zone', expression: ['from'] }] });
      }
      if (!w[1].careFor.includes(patientId)) return api.send(reply, api.outcome(403, 'forbidden', 'Ingen behandlingsrelation til patienten'));
      const entries = (patientId === 'p-karen' ? KAREN_COURSE : []).filter((e) => overlaps(e, fromMs, toMs));
      const counts = {
        kind: Object.fromEntries(TIMELINE_KINDS.map((k) => [k, entries.filter((e) => e.kind === k).length])) as Record<TimelineKind, number>,
        sector: Object.fromEntries(TIMELINE_SECTORS.map((s) => [s, entries.filter((e) => e.sector === s).length])) as Record<TimelineSector, number>,
      };
      const result: TimelineResult = { patientId, from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString(), entries, counts, total: entries.length, truncated: false, limit: 500, generatedAt: new Date().toISOString() };
      return result;
    });
  };
  return { queries, routes };
}
