/**
 * Clinical logistics: ward boards, bed overview, transfers, service tasks and emergency-department
 * tracking, derived from the record itself and kept live across nodes. The face of src/logistics/.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ChangeBus, ChangeEvent } from '../events/index.ts';
import type { FhirRepository } from '../fhir/repository/index.ts';
import { BoardService } from './board-service.ts';
import { AAUH_CAPACITY_RULES, type CapacityRules } from './domain/index.ts';
import { LiveHub } from './live-hub.ts';
import { LogisticsActions } from './logistics-actions.ts';
import { logisticsPlugin, type Caller } from './logistics.plugin.ts';

export type { Caller } from './logistics.plugin.ts';
export * from './model.ts';
export type * from './api-types.ts';

/** Changes of these types can change what a board shows. */
const BOARD_TYPES: ReadonlySet<string> = new Set([
  'Encounter', 'Location', 'Task', 'Flag', 'CareTeam', 'ServiceRequest', 'Observation', 'DiagnosticReport', 'Patient', 'AllergyIntolerance', 'Organization', 'Practitioner',
]);

export interface LogisticsDeps {
  /** The unfiltered repository (the bed overview counts every stay; numbers only). */
  readonly repo: FhirRepository;
  readonly bus: ChangeBus;
  readonly callerFor: (req: FastifyRequest) => Promise<Caller>;
  readonly now?: () => Date;
  readonly rules?: CapacityRules;
  readonly onError?: (err: unknown, view: string) => void;
  /** Changes of a board type that still never alter a board (device readings waiting for validation, say). */
  readonly ignore?: (e: ChangeEvent) => boolean;
}

export interface Logistics {
  readonly plugin: (app: FastifyInstance) => Promise<void>;
  readonly hub: LiveHub;
  readonly boards: BoardService;
  readonly actions: LogisticsActions;
  close(): void;
}

export function createLogistics(deps: LogisticsDeps): Logistics {
  const now = deps.now ?? (() => new Date());
  const boards = new BoardService({ repo: deps.repo, rules: deps.rules ?? AAUH_CAPACITY_RULES, now });
  const actions = new LogisticsActions({ boards, repo: deps.repo, now });
  const ignore = deps.ignore ?? (() => false);
  const hub = new LiveHub({ bus: deps.bus, relevant: (e) => BOARD_TYPES.has(e.type) && !ignore(e), ...(deps.onError ? { onError: deps.onError } : {}) });
  return {
    plugin: (app) => logisticsPlugin(app, { boards, actions, hub, callerFor: deps.callerFor }),
    hub,
    boards,
    actions,
    close: () => hub.close(),
  };
}
export { searchResources, OPEN_ENCOUNTER_STATUSES } from './snapshot-loader.ts';
export { refId, refTo } from './domain/index.ts';
