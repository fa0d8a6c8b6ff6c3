/**
 * The patient timeline (issue 6): contacts, courses, notes, results, documents, PRO answers and
 * messages to and from the GP and the municipality, on one time axis with their sectors. The face of
 * src/timeline/.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Caller } from '../logistics/index.ts';
import { timelinePlugin } from './timeline.plugin.ts';

export type * from './api-types.ts';
export { TimelineKind, TimelineSector, ContactClass, TIMELINE_KINDS, TIMELINE_SECTORS } from './api-types.ts';
export { toTimelineEntries, TIMELINE_TYPES } from './timeline-entries.ts';
export { parseTimelineQuery, selectEntries } from './timeline-query.ts';
export { loadTimeline } from './timeline-loader.ts';
export { CARE_SECTOR_SYSTEM, organizationSector } from './sectors.ts';

export interface Timeline {
  readonly plugin: (app: FastifyInstance) => Promise<void>;
}

export function createTimeline(deps: { callerFor: (req: FastifyRequest) => Promise<Caller>; now?: () => Date }): Timeline {
  return { plugin: (app) => timelinePlugin(app, { callerFor: deps.callerFor, ...(deps.now ? { now: deps.now } : {}) }) };
}
