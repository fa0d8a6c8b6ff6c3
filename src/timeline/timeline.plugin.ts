/**
 * /api/timeline: one patient's course across sectors and time (JSON shapes in ./api-types.ts). The
 * query is checked first (a 400 names the parameter); the record is read through the caller's
 * repository, so care relations, the psychiatric restriction and the audit apply.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { badRequest } from '../errors/index.ts';
import type { Caller } from '../logistics/index.ts';
import type { TimelineResult } from './api-types.ts';
import { loadTimeline } from './timeline-loader.ts';
import { parseTimelineQuery } from './timeline-query.ts';
import { isValidId } from '../fhir/repository/index.ts';


export interface TimelinePluginOptions {
  readonly callerFor: (req: FastifyRequest) => Promise<Caller>;
  readonly now?: () => Date;
}

export async function timelinePlugin(app: FastifyInstance, options: TimelinePluginOptions): Promise<void> {
  const now = options.now ?? (() => new Date());
  app.get('/api/timeline/patients/:patientId', async (req): Promise<TimelineResult> => {
    const patientId = (req.params as Record<string, string>).patientId ?? '';
    if (!isValidId(patientId)) throw badRequest('Invalid patientId', 'patientId');
    const query = parseTimelineQuery(req.query as Record<string, unknown>);
    const caller = await options.callerFor(req);
    return loadTimeline(caller.repo, patientId, query, now());
  });
}
