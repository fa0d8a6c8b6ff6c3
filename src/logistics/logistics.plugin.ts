/**
 * /api/logistics: ward boards, bed overview, emergency board and service tasks as JSON, their live
 * streams (server-sent events), and the actions that change them (tasks, transfers, admissions,
 * discharges, ED activities). The JSON shapes are in ./api-types.ts. Every route needs a bearer
 * token; reads and writes go through the caller's repository (access rules, audit).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { badRequest, FhirError, IssueType } from '../errors/index.ts';
import type { Principal } from '../access/index.ts';
import type { FhirRepository } from '../fhir/repository/index.ts';
import type { NewAdmission, NewServiceTask, NewTransfer } from './api-types.ts';
import type { BoardService, Screen } from './board-service.ts';
import { openEventStream } from './event-stream.ts';
import type { LiveHub } from './live-hub.ts';
import type { LogisticsActions } from './logistics-actions.ts';
import { Triage, type TaskKind } from './model.ts';
import { isValidId } from '../fhir/repository/index.ts';

export interface Caller {
  readonly principal: Principal;
  readonly repo: FhirRepository;
  /**
   * The same principal with its access as it is now (care relations begun or ended since): a live
   * stream's updates use it, so an open board shows an incoming transfer or a new admission.
   */
  readonly current?: () => Promise<Caller>;
}

export interface LogisticsPluginOptions {
  readonly boards: BoardService;
  readonly actions: LogisticsActions;
  readonly hub: LiveHub;
  readonly callerFor: (req: FastifyRequest) => Promise<Caller>;
}

const SCREENS = new Set<Screen>(['wall', 'list', 'phone']);

type Q = Record<string, string | undefined>;
type P = Record<string, string>;

export async function logisticsPlugin(app: FastifyInstance, options: LogisticsPluginOptions): Promise<void> {
  const { boards, actions, hub, callerFor } = options;

  const screenOf = (q: Q): Screen => {
    const screen = (q.screen ?? 'list') as Screen;
    if (!SCREENS.has(screen)) throw badRequest(`Unknown screen '${String(q.screen).slice(0, 20)}': use wall, list or phone`, 'screen');
    return screen;
  };
  const idParam = (p: P, name: string) => {
    const id = p[name] ?? '';
    if (!isValidId(id)) throw badRequest(`Invalid ${name}`, name);
    return id;
  };
  /** The action named in the path, if it is one of `allowed`; otherwise a 400. */
  const actionOf = <A extends string>(p: P, allowed: readonly A[], what: string): A => {
    if (!(allowed as readonly string[]).includes(p.action ?? '')) throw badRequest(`Unknown ${what} action '${String(p.action).slice(0, 20)}': one of ${allowed.join(', ')}`, 'action');
    return p.action as A;
  };
  const isPublic = (q: Q) => q.public === '1' || q.public === 'true';

  /** A view as JSON, and as a live stream of `event` at `${path}/stream`; the key says who sees it how. */
  const view = (path: string, event: string, keyOf: (req: FastifyRequest, caller: Caller) => string, load: (req: FastifyRequest, caller: Caller) => Promise<unknown>) => {
    app.get(path, async (req) => load(req, await callerFor(req)));
    app.get(`${path}/stream`, async (req, reply: FastifyReply) => {
      const caller = await callerFor(req);
      const key = `${keyOf(req, caller)}\n${caller.principal.issuer}|${caller.principal.subject}`;
      const generation = hub.generation;
      const first = await load(req, caller); // errors (404, 403) as an OperationOutcome before the stream opens
      const stream = openEventStream(req, reply, event);
      const leave = hub.join(key, async () => load(req, caller.current ? await caller.current() : caller), stream, first, generation);
      stream.onClose(leave);
    });
  };

  app.get('/api/logistics/wards', async (req) => boards.wards((await callerFor(req)).repo));
  view(
    '/api/logistics/wards/:wardId/board',
    'board',
    (req) => `board:${idParam(req.params as P, 'wardId')}:${screenOf(req.query as Q)}:${isPublic(req.query as Q)}`,
    (req, c) => boards.wardBoard(c.repo, idParam(req.params as P, 'wardId'), screenOf(req.query as Q), isPublic(req.query as Q)),
  );
  view('/api/logistics/beds', 'beds', () => 'beds', async (_req, c) => {
    if (c.principal.kind === 'patient') throw new FhirError(403, IssueType.forbidden, 'The bed overview is for hospital staff');
    return boards.bedOverview();
  });
  view('/api/logistics/ed', 'ed', () => 'ed', (_req, c) => boards.edBoard(c.repo));
  view(
    '/api/logistics/tasks',
    'tasks',
    (req) => `tasks:${(req.query as Q).group ?? ''}:${(req.query as Q).wardId ?? ''}`,
    (req, c) => {
      const q = req.query as Q;
      if (q.group !== undefined && !isValidId(q.group)) throw badRequest('Invalid group', 'group');
      if (q.wardId !== undefined && !isValidId(q.wardId)) throw badRequest('Invalid wardId', 'wardId');
      return boards.tasks(c.repo, q.group, q.wardId);
    },
  );

  // ---- actions -------------------------------------------------------------------------------
  const body = (req: FastifyRequest) => {
    if (req.body === null || typeof req.body !== 'object' || Array.isArray(req.body)) throw badRequest('Send a JSON object');
    return req.body as Record<string, unknown>;
  };

  app.put('/api/logistics/wards/:wardId/tailoring', async (req) => {
    const c = await callerFor(req);
    const b = body(req);
    const list = (name: string) => {
      const v = b[name];
      if (v !== undefined && (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))) throw badRequest(`${name} is a list of column ids`, name);
      return v as string[] | undefined;
    };
    if (typeof b.templateId !== 'string') throw badRequest('Name the template: { "templateId": "…" }', 'templateId');
    if (b.publicNames !== undefined && b.publicNames !== 'initials' && b.publicNames !== 'full') throw badRequest("publicNames is 'initials' or 'full'", 'publicNames');
    const hiddenColumns = list('hiddenColumns');
    const columnOrder = list('columnOrder');
    return boards.tailor(c.repo, idParam(req.params as P, 'wardId'), {
      templateId: b.templateId,
      ...(hiddenColumns ? { hiddenColumns } : {}),
      ...(columnOrder ? { columnOrder } : {}),
      ...(b.publicNames ? { publicNames: b.publicNames as 'initials' | 'full' } : {}),
    });
  });

  app.post('/api/logistics/tasks', async (req, reply) => {
    const c = await callerFor(req);
    reply.code(201);
    return actions.createTask(c, body(req) as unknown as NewServiceTask);
  });
  app.post('/api/logistics/tasks/:id/:action', async (req) => {
    const p = req.params as P;
    const action = actionOf(p, ['accept', 'start', 'complete', 'cancel'] as const, 'task');
    return actions.taskAction(await callerFor(req), idParam(p, 'id'), action);
  });

  app.post('/api/logistics/transfers', async (req, reply) => {
    const c = await callerFor(req);
    reply.code(201);
    return actions.requestTransfer(c, body(req) as unknown as NewTransfer);
  });
  app.post('/api/logistics/transfers/:id/:action', async (req) => {
    const p = req.params as P;
    const action = actionOf(p, ['accept', 'reject', 'assign-bed', 'move'] as const, 'transfer');
    const input = action === 'assign-bed' ? body(req) : {};
    if (action === 'assign-bed' && (typeof input.bedId !== 'string' || !isValidId(input.bedId))) throw badRequest('Name the bed: { "bedId": "<Location id>" }', 'bedId');
    return actions.transferAction(await callerFor(req), idParam(p, 'id'), action, input.bedId as string | undefined);
  });

  app.post('/api/logistics/admissions', async (req, reply) => {
    const c = await callerFor(req);
    reply.code(201);
    return actions.admit(c, body(req) as unknown as NewAdmission);
  });
  app.post('/api/logistics/encounters/:id/discharge', async (req) => actions.discharge(await callerFor(req), idParam(req.params as P, 'id')));

  app.post('/api/logistics/ed/:encounterId/triage', async (req) => {
    const level = body(req).level;
    if (typeof level !== 'string' || !(Object.values(Triage) as string[]).includes(level)) {
      throw badRequest(`Give the triage level: one of ${Object.values(Triage).join(', ')}`, 'level');
    }
    return actions.triage(await callerFor(req), idParam(req.params as P, 'encounterId'), level as Triage);
  });
  app.post('/api/logistics/ed/:encounterId/activities/:kind/:action', async (req) => {
    const p = req.params as P;
    const action = actionOf(p, ['start', 'complete', 'cancel'] as const, 'activity');
    return actions.edActivity(await callerFor(req), idParam(p, 'encounterId'), p.kind as TaskKind, action);
  });
}
