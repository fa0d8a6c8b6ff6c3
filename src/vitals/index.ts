/**
 * Vital signs: from device or nurse to a validated record, and the early-warning score and its
 * escalation (/api/vitals). The face of src/vitals/.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EarlyWarningService } from '../early-warning/early-warning-service.ts';
import type { FhirRepository } from '../fhir/repository/index.ts';
import type { Caller } from '../logistics/index.ts';
import { vitalsPlugin } from './vitals.plugin.ts';
import { VitalsService } from './vitals-service.ts';

export type * from './api-types.ts';
export { VitalsService } from './vitals-service.ts';
export { manualObservations } from './manual-observations.ts';
export { hasRole, requireRole } from './roles.ts';
export { actorOf } from './validation.ts';

export interface VitalsDeps {
  readonly repo: FhirRepository;
  readonly engine: EarlyWarningService;
  readonly callerFor: (req: FastifyRequest) => Promise<Caller>;
  readonly now?: () => Date;
}

export interface Vitals {
  readonly service: VitalsService;
  readonly plugin: (app: FastifyInstance) => Promise<void>;
}

export function createVitals(deps: VitalsDeps): Vitals {
  const service = new VitalsService({ repo: deps.repo, engine: deps.engine, ...(deps.now ? { now: deps.now } : {}) });
  return { service, plugin: (app) => vitalsPlugin(app, { service, callerFor: deps.callerFor, ...(deps.now ? { now: deps.now } : {}) }) };
}
