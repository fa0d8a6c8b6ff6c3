/**
 * POST /api/journal/patients/:patientId/ask {question} → JournalAnswer, and
 * POST /api/journal/ai-events/:eventId/actions {action, citation?} → 204 (what the user did with an
 * answer: opened a citation, copied, marked it wrong). The patient is read through the caller's
 * repository first (403/404, audited); so is every source and fact shown.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { badRequest, notFound } from '../../errors/index.ts';
import type { Caller } from '../../logistics/index.ts';
import { readAiAnswer, recordAiAction } from '../ai-audit/index.ts';
import { AiUserAction, type JournalAnswer, type JournalCitation } from '../api-types.ts';
import type { LanguageModel } from '../llm/index.ts';
import { ask, aiUserOf } from './ask.ts';
import { isValidId } from '../../fhir/repository/index.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ACTIONS: ReadonlySet<string> = new Set(Object.values(AiUserAction));
/** A citation id (S1, R2) or a citation object. */
const CITATION_ID = /^[SR]\d{1,3}$/;

const isCitation = (c: unknown): c is JournalCitation => {
  const o = c as Record<string, unknown>;
  return typeof o === 'object' && o !== null && (o.kind === 'span' || o.kind === 'resource') && typeof o.resourceType === 'string' && typeof o.id === 'string' && JSON.stringify(o).length <= 4_000;
};

export async function askRoutes(app: FastifyInstance, options: { callerFor: (req: FastifyRequest) => Promise<Caller>; model?: LanguageModel }): Promise<void> {
  app.post('/api/journal/patients/:patientId/ask', async (req): Promise<JournalAnswer> => {
    const patientId = (req.params as Record<string, string>).patientId ?? '';
    if (!isValidId(patientId)) throw badRequest('Invalid patientId', 'patientId');
    const body = req.body as { question?: unknown } | undefined;
    const question = typeof body?.question === 'string' ? body.question.trim() : undefined;
    if (question === undefined) throw badRequest('Give the question as {"question": "…"}', 'question');
    if (question.length < 3 || question.length > 300) throw badRequest('Ask in 3 to 300 characters', 'question');
    const caller = await options.callerFor(req);
    await caller.repo.read('Patient', patientId); // 403/404 as an OperationOutcome; audited
    return ask(caller, patientId, question, { db: caller.repo.db, ...(options.model ? { model: options.model } : {}) });
  });

  app.post('/api/journal/ai-events/:eventId/actions', async (req, reply) => {
    const eventId = (req.params as Record<string, string>).eventId ?? '';
    if (!UUID.test(eventId)) throw badRequest('Invalid eventId', 'eventId');
    const body = req.body as { action?: unknown; citation?: unknown } | undefined;
    if (typeof body?.action !== 'string' || !ACTIONS.has(body.action)) throw badRequest(`action must be one of ${[...ACTIONS].join(', ')}`, 'action');
    const citation = body.citation;
    if (citation !== undefined && !(typeof citation === 'string' && CITATION_ID.test(citation)) && !isCitation(citation)) throw badRequest('citation must be a citation id (S1, R1) or a citation', 'citation');
    const caller = await options.callerFor(req);
    const event = await readAiAnswer(caller.repo.db, eventId);
    const user = aiUserOf(caller);
    if (!event || event.userRef !== user.ref) throw notFound(`AI event ${eventId}`); // only one's own answers
    await recordAiAction(caller.repo.db, eventId, event.patientId, { user, action: body.action as AiUserAction, ...(citation !== undefined ? { citation: citation as JournalCitation | string } : {}) });
    return reply.code(204).send();
  });
}
