/**
 * /api/journal: Danish search in one patient's record. The patient is read through the caller's
 * repository first (care relation, break-the-glass, audit), and each source shown is read the same
 * way, so a passage of a record the caller may not see (a psychiatric note, say) is left out.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { badRequest } from '../errors/index.ts';
import type { Caller } from '../logistics/index.ts';
import type { JournalSearchResult } from './api-types.ts';
import { overviewRoutes } from './overview/index.ts';
import { askRoutes } from './qa/index.ts';
import type { LanguageModel } from './llm/index.ts';
import { searchPassages } from './search/passage-store.ts';
import { isValidId } from '../fhir/repository/index.ts';


export async function journalPlugin(app: FastifyInstance, options: { callerFor: (req: FastifyRequest) => Promise<Caller>; now?: () => Date; model?: LanguageModel }): Promise<void> {
  const now = options.now ?? (() => new Date());
  await overviewRoutes(app, options); // GET …/overview and GET /api/journal/sources/:type/:id
  await askRoutes(app, options); // POST …/ask and POST /api/journal/ai-events/:eventId/actions
  app.get('/api/journal/patients/:patientId/search', async (req): Promise<JournalSearchResult> => {
    const patientId = (req.params as Record<string, string>).patientId ?? '';
    if (!isValidId(patientId)) throw badRequest('Invalid patientId', 'patientId');
    const query = String((req.query as Record<string, unknown>).q ?? '').trim();
    if (query.length < 2 || query.length > 200) throw badRequest('Search for 2 to 200 characters', 'q');
    const limit = Math.min(50, Math.max(1, Number((req.query as Record<string, unknown>).limit ?? 20) || 20));
    const caller = await options.callerFor(req);
    await caller.repo.read('Patient', patientId); // 403/404 as an OperationOutcome; audited
    const found = await searchPassages(caller.repo.db, patientId, query, { limit: limit * 2 });
    // Only sources the caller may read (each read is audited as any other).
    const readable = new Map<string, boolean>();
    const hits = [];
    for (const hit of found) {
      const key = `${hit.source.type}/${hit.source.id}`;
      if (!readable.has(key)) readable.set(key, await caller.repo.read(hit.source.type, hit.source.id).then(() => true, () => false));
      if (readable.get(key)) hits.push(hit);
      if (hits.length >= limit) break;
    }
    return { query, hits, generatedAt: now().toISOString() };
  });
}
