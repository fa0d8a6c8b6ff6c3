/**
 * A stand-in for the server's clinical-logistics API (src/logistics/api-types.ts) inside the
 * contract stub: the ward list, a medical ward's board (per screen, initials on public screens),
 * the bed overview, the emergency board, the porters' tasks, their server-sent event streams, and
 * the actions, which it records and applies to its state so the streams push the change. Pushed
 * events are written in pieces split at awkward places (inside the field name, inside a UTF-8
 * character) to exercise the app's stream reader.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { BedOverview, EdActivity, EdBoard, EdRow, EdTimer, NewServiceTask, ResolvedTemplate, ServiceTaskView, TaskList, TransferView, WardBoard, WardSummary } from '../../src/logistics/api-types.ts';
import type { BoardRow, TaskKind, TaskStatus, Triage, WardCapacity } from '../../src/logistics/model.ts';
import type { StubApi } from './contract-stub.ts';

export interface RecordedPost {
  readonly path: string;
  readonly body: unknown;
  readonly user: string;
}

export interface LogisticsStub {
  /** Every POST to /api/logistics, in order. */
  readonly posts: RecordedPost[];
  /** Every stream opened: path with query, and whether it carried a valid bearer token. */
  readonly streams: { path: string; authorized: boolean }[];
  /** Changes a ward-board row and pushes the board (and the bed overview) to open streams. */
  updateRow(wardId: string, key: string, change: (row: BoardRow) => BoardRow): void;
  /** Changes another ward's numbers and pushes the bed overview. */
  updateCapacity(wardId: string, change: Partial<WardCapacity>): void;
  /** Streams open now on a topic ('board:w-m1', 'beds', 'ed', 'tasks'). */
  openStreams(topic: string): number;
  routes(app: FastifyInstance, api: StubApi): Promise<void>;
}

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

export const WARDS: WardSummary[] = [
  { id: 'w-k2', name: 'Kirurgisk sengeafsnit K2', unitId: 'kir2', unitName: 'Kirurgisk afdeling K2', kind: 'ward', templateId: 'kirurgisk-sengeafsnit' },
  { id: 'w-m1', name: 'Medicinsk sengeafsnit M1', unitId: 'Organization/med1', unitName: 'Medicinsk afdeling M1', kind: 'ward', templateId: 'medicinsk-sengeafsnit' },
  { id: 'w-fam', name: 'Fælles akutmodtagelse', unitId: 'fam', unitName: 'Akutafdelingen', kind: 'emergency', templateId: 'akutmodtagelse' },
];

type Screen = 'wall' | 'list' | 'phone';
const ALL: Screen[] = ['wall', 'list', 'phone'];
const WALL_LIST: Screen[] = ['wall', 'list'];
const col = (id: string, da: string, en: string, screens: Screen[]) => ({ id, label: { da, en }, screens });

/** The server's medical-ward template (standard-templates.ts), with a part of its legend. */
export const TEMPLATE: ResolvedTemplate = {
  id: 'medicinsk-sengeafsnit',
  version: '1.0.0',
  name: { da: 'Medicinsk sengeafsnit', en: 'Medical ward' },
  names: 'full',
  columns: [
    col('bed', 'Stue/seng', 'Room/bed', ALL),
    col('patient', 'Patient', 'Patient', ALL),
    col('whereabouts', 'Opholdssted', 'Whereabouts', ALL),
    col('responsible-nurse', 'Ansvarlig sygeplejerske', 'Responsible nurse', ALL),
    col('responsible-doctor', 'Ansvarlig læge', 'Responsible doctor', WALL_LIST),
    col('early-warning', 'TOKS (næste måling)', 'Early warning (next observation)', ALL),
    col('flags', 'Isolation, fald, CAVE', 'Isolation, fall risk, CAVE', ALL),
    col('pending-tests', 'Afventende prøver', 'Pending tests', WALL_LIST),
    col('tasks', 'Opgaver', 'Tasks', ALL),
    col('expected-discharge', 'Forventet udskrivelse', 'Expected discharge', WALL_LIST),
    col('transfer', 'Overflytning', 'Transfer', ALL),
    col('comment', 'Kommentar', 'Comment', ['list', 'phone']),
  ],
  legend: [
    { key: 'flag:isolation', symbol: '☣', da: 'Isolation', en: 'Isolation' },
    { key: 'flag:faldrisiko', symbol: '⤓', da: 'Faldrisiko', en: 'Fall risk' },
    { key: 'flag:cave', symbol: '⚠', da: 'CAVE', en: 'CAVE (serious allergy or intolerance)' },
    { key: 'task:transport', symbol: '⇄', da: 'Portør/transport', en: 'Porter/transport' },
    { key: 'task:rengoering', symbol: '✧', da: 'Rengøring', en: 'Cleaning' },
    { key: 'status:requested', symbol: '○', da: 'Afventer', en: 'Waiting' },
    { key: 'bed:free', symbol: '□', da: 'Ledig', en: 'Free' },
    { key: 'ews:medium', symbol: '▅', da: 'Middel risiko', en: 'Medium risk' },
  ],
};

const bed = (n: number, status: 'free' | 'occupied' | 'cleaning' | 'blocked') => ({ id: `b-${n}`, name: `Seng ${n}`, room: `Stue ${Math.ceil(n / 2)}`, status });
const pt = (id: string, name: string, cpr: string, age: number) => ({ id, name, cpr, age });

const initials = (name: string) =>
  name
    .split(/[\s-]+/)
    .filter(Boolean)
    .map((p) => `${p[0]!.toUpperCase()}.`)
    .join('');

export function createLogisticsStub(): LogisticsStub {
  const start = Date.now();
  const posts: RecordedPost[] = [];
  const streams: { path: string; authorized: boolean }[] = [];
  const open = new Map<string, Set<{ reply: FastifyReply; push: () => void }>>();
  let seq = 100;

  const tasks: ServiceTaskView[] = [
    {
      id: 't-1',
      kind: 'transport',
      status: 'requested',
      group: 'portoer',
      description: 'Kørestol, ilt 2 l',
      priority: 'routine',
      patient: { id: 'p-karen', name: 'Karen Jensen' },
      ward: { id: 'w-m1', name: 'Medicinsk sengeafsnit M1' },
      bed: { id: 'b-1', name: 'Stue 1, Seng 1' },
      destination: 'Røntgen',
      authoredOn: iso(start - 20 * MINUTE),
    },
    {
      id: 't-0',
      kind: 'transport',
      status: 'completed',
      group: 'portoer',
      patient: { id: 'p-mette', name: 'Mette Hansen' },
      ward: { id: 'w-m1', name: 'Medicinsk sengeafsnit M1' },
      destination: 'Ambulatoriet',
      owner: 'Ole Berg',
      authoredOn: iso(start - 3 * MINUTE),
      started: iso(start - 2 * MINUTE),
      ended: iso(start - MINUTE),
    },
    { id: 't-2', kind: 'rengoering', status: 'in-progress', group: 'rengoering', ward: { id: 'w-m1', name: 'Medicinsk sengeafsnit M1' }, bed: { id: 'b-4', name: 'Stue 2, Seng 4' }, authoredOn: iso(start - 30 * MINUTE) },
  ];
  const boardTask = (t: ServiceTaskView) => ({ id: t.id, kind: t.kind, status: t.status, authoredOn: t.authoredOn, ...(t.description ? { description: t.description } : {}) });

  const transfers: TransferView[] = [
    {
      id: 'tr-in',
      status: 'requested',
      encounterId: 'e-carl',
      patient: { id: 'p-carl', name: 'Carl Berg' },
      from: { wardId: 'w-fam', name: 'Fælles akutmodtagelse' },
      to: { wardId: 'w-m1', name: 'Medicinsk sengeafsnit M1' },
      report: 'Pneumoni, stabil, TOKS 3.',
      authoredOn: iso(start - 15 * MINUTE),
    },
    {
      id: 'tr-out',
      status: 'accepted',
      encounterId: 'e-henrik',
      patient: { id: 'p-henrik', name: 'Henrik Jensen' },
      from: { wardId: 'w-m1', name: 'Medicinsk sengeafsnit M1' },
      to: { wardId: 'w-k2', name: 'Kirurgisk sengeafsnit K2' },
      authoredOn: iso(start - 60 * MINUTE),
    },
  ];

  let rows: BoardRow[] = [
    {
      key: 'b-1',
      bed: bed(1, 'occupied'),
      patient: pt('p-karen', 'Karen Jensen', '070255-1234', 70),
      encounterId: 'e-karen',
      whereabouts: 'in-bed',
      admitted: iso(start - 3 * 24 * 60 * MINUTE),
      expectedDischarge: iso(start + 2 * 24 * 60 * MINUTE).slice(0, 10),
      responsibleNurse: 'Line Skov',
      responsibleDoctor: 'Peter Lund',
      flags: ['faldrisiko', 'cave'],
      pendingTests: ['CRP', 'Røntgen thorax'],
      tasks: [boardTask(tasks[0]!)],
      earlyWarning: { score: 5, risk: 'medium', at: iso(start - 5 * 60 * MINUTE), nextDue: iso(start - 4 * 60 * MINUTE), overdue: true },
      comment: 'Pårørende ringer kl. 16',
    },
    {
      key: 'b-2',
      bed: bed(2, 'occupied'),
      patient: pt('p-henrik', 'Henrik Jensen', '120367-1235', 57),
      encounterId: 'e-henrik',
      whereabouts: 'in-bed',
      responsibleNurse: 'Mette Dahl',
      flags: ['isolation'],
      pendingTests: [],
      tasks: [],
      transfer: { taskId: 'tr-out', status: 'accepted', direction: 'out', otherWard: 'Kirurgisk sengeafsnit K2' },
      earlyWarning: { score: 1, risk: 'low', at: iso(start - 60 * MINUTE), nextDue: iso(start + 3 * 60 * MINUTE) },
    },
    { key: 'b-3', bed: bed(3, 'free'), flags: [], pendingTests: [], tasks: [] },
    { key: 'b-4', bed: bed(4, 'cleaning'), flags: [], pendingTests: [], tasks: [boardTask(tasks[2]!)] },
    {
      key: 'b-5',
      bed: bed(5, 'occupied'),
      patient: pt('p-mette', 'Mette Hansen', '281180-4562', 44),
      encounterId: 'e-mette',
      whereabouts: 'in-bed',
      responsibleNurse: 'Line Skov',
      responsibleDoctor: 'Peter Lund',
      flags: [],
      pendingTests: [],
      tasks: [],
      earlyWarning: { score: 2, risk: 'low', at: iso(start - 30 * MINUTE) },
    },
    { key: 'b-6', bed: bed(6, 'blocked'), flags: [], pendingTests: [], tasks: [], comment: 'Vandskade' },
    {
      key: 'e-carl',
      patient: pt('p-carl', 'Carl Berg', '010150-1111', 75),
      encounterId: 'e-carl',
      whereabouts: 'incoming',
      flags: [],
      pendingTests: [],
      tasks: [],
      transfer: { taskId: 'tr-in', status: 'requested', direction: 'in', otherWard: 'Fælles akutmodtagelse' },
    },
  ];

  const otherWards: WardCapacity[] = [
    { wardId: 'w-k2', wardName: 'Kirurgisk sengeafsnit K2', unitId: 'kir2', beds: 20, occupied: 17, free: 2, cleaning: 1, blocked: 0, incoming: 2, counted: 18, notCounted: 1 },
  ];

  const capacity = (): WardCapacity => {
    const status = (s: string) => rows.filter((r) => r.bed?.status === s).length;
    const present = rows.filter((r) => r.patient && r.whereabouts !== 'incoming').length;
    return {
      wardId: 'w-m1',
      wardName: 'Medicinsk sengeafsnit M1',
      unitId: 'med1',
      beds: rows.filter((r) => r.bed).length,
      occupied: status('occupied'),
      free: status('free'),
      cleaning: status('cleaning'),
      blocked: status('blocked'),
      incoming: rows.filter((r) => r.whereabouts === 'incoming').length,
      counted: present,
      notCounted: 0,
    };
  };

  const wardBoard = (screen: Screen, isPublic: boolean): WardBoard => {
    const names = isPublic ? 'initials' : 'full';
    const shown = rows.map((r) => (r.patient && isPublic ? { ...r, patient: { id: r.patient.id, name: initials(r.patient.name) } } : r));
    return {
      ward: WARDS[1]!,
      template: { ...TEMPLATE, names, columns: TEMPLATE.columns.filter((c) => c.screens.includes(screen)) },
      rows: shown,
      capacity: capacity(),
      generatedAt: iso(Date.now()),
    };
  };

  const bedOverview = (): BedOverview => {
    const wards = [capacity(), ...otherWards];
    const sum = (k: Exclude<keyof WardCapacity, 'wardId' | 'wardName' | 'unitId'>) => wards.reduce((n, w) => n + w[k], 0);
    return {
      wards,
      totals: {
        beds: sum('beds'),
        occupied: sum('occupied'),
        free: sum('free'),
        cleaning: sum('cleaning'),
        blocked: sum('blocked'),
        incoming: sum('incoming'),
        counted: sum('counted'),
        notCounted: sum('notCounted'),
      },
      generatedAt: iso(Date.now()),
    };
  };

  // ---- the emergency board: times relative to the stub's start --------------------------------
  const activity = (kind: TaskKind, status: EdActivity['status'], started?: number, ended?: number): EdActivity => ({
    kind,
    status,
    ...(started !== undefined ? { started: iso(started) } : {}),
    ...(ended !== undefined ? { ended: iso(ended) } : {}),
  });
  const timers = (arrived: number, done: Partial<Record<EdTimer['step'], number>>, now: number): EdTimer[] =>
    (
      [
        ['triage', 30],
        ['waitTold', 30],
        ['treatmentStart', 60],
        ['plan', 240],
      ] as const
    ).map(([step, minutes]) => {
      const deadline = arrived + minutes * MINUTE;
      const doneAt = done[step];
      return { step, targetMinutes: minutes, deadline: iso(deadline), ...(doneAt !== undefined ? { doneAt: iso(doneAt) } : {}), breached: doneAt !== undefined ? doneAt > deadline : now > deadline };
    });
  const edProcess: TaskKind[] = ['triage', 'oplyst-ventetid', 'sygeplejerske-vurdering', 'laege-vurdering', 'behandling-startet', 'plan'];
  const edRow = (id: string, name: string, arrivedMin: number, triage: Triage | undefined, complaint: string, doneMin: Partial<Record<EdTimer['step'], number>>, states: Partial<Record<TaskKind, TaskStatus>>): EdRow => {
    const now = Date.now();
    const arrived = now - arrivedMin * MINUTE;
    const done = Object.fromEntries(Object.entries(doneMin).map(([k, m]) => [k, arrived + m * MINUTE])) as Partial<Record<EdTimer['step'], number>>;
    return {
      encounterId: id,
      patient: { id: `p-${id}`, name, age: 60 },
      arrived: iso(arrived),
      ...(triage ? { triage } : {}),
      complaint,
      area: 'Akut 1',
      activities: edProcess.map((k) => activity(k, states[k] ?? 'not-started')),
      timers: timers(arrived, done, now),
      status: 'waiting',
    };
  };
  /** Made when the board is first asked for, so the deadlines are as far away as the test expects. */
  let edRows: EdRow[] | undefined;
  const currentEdRows = (): EdRow[] =>
    (edRows ??= [
      edRow('e-anders', 'Anders Holm', 25, undefined, 'Brystsmerter', {}, {}),
      edRow('e-birthe', 'Birthe Lund', 50, 'orange', 'Faldtraume, hofte', { triage: 5, waitTold: 6 }, { triage: 'completed', 'oplyst-ventetid': 'completed', 'sygeplejerske-vurdering': 'in-progress' }),
      edRow('e-svend', 'Svend Åberg', 70, 'gul', 'Feber', { triage: 10, waitTold: 10 }, { triage: 'completed', 'oplyst-ventetid': 'completed' }),
    ]);
  const edBoard = (): EdBoard => ({
    rows: currentEdRows(),
    kpis: [
      { step: 'triage', met: 27, total: 30, share: 0.9, goal: 0.9 },
      { step: 'waitTold', met: 30, total: 30, share: 1, goal: 0.9 },
      { step: 'treatmentStart', met: 21, total: 30, share: 0.7, goal: 0.9 },
      { step: 'plan', met: 25, total: 29, share: 25 / 29, goal: 0.9 },
    ],
    generatedAt: iso(Date.now()),
  });
  const stepOfKind: Partial<Record<TaskKind, EdTimer['step']>> = { triage: 'triage', 'oplyst-ventetid': 'waitTold', 'behandling-startet': 'treatmentStart', plan: 'plan' };

  const taskList = (group: string | undefined, wardId: string | undefined): TaskList => ({
    tasks: tasks.filter((t) => (!group || t.group === group) && (!wardId || t.ward?.id === wardId)),
    generatedAt: iso(Date.now()),
  });

  // ---- streams ---------------------------------------------------------------------------------
  const push = (topic: string) => {
    for (const s of open.get(topic) ?? []) s.push();
  };
  const pushBoards = () => {
    push('board:w-m1');
    push('beds');
  };

  /** Writes an event in three pieces: inside "event", then inside a multi-byte character (or the middle), then the rest. */
  const writeSplit = (reply: FastifyReply, event: string, data: unknown) => {
    const bytes = Buffer.from(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`, 'utf8');
    const multi = bytes.findIndex((b, i) => i > 12 && b >= 0xc0);
    const cut = multi > 0 ? multi + 1 : Math.floor(bytes.length / 2);
    const pieces = [bytes.subarray(0, 3), bytes.subarray(3, cut), bytes.subarray(cut)];
    pieces.forEach((piece, i) => setTimeout(() => !reply.raw.writableEnded && reply.raw.write(piece), i * 15));
  };

  const stream = (api: StubApi, topic: (req: FastifyRequest) => string, event: string, load: (req: FastifyRequest) => unknown) => async (req: FastifyRequest, reply: FastifyReply) => {
    const w = api.who(req);
    streams.push({ path: req.url, authorized: w !== undefined });
    if (!w) return api.unauthorized(reply);
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
    reply.raw.write(': Kerne stub stream\n\n');
    reply.raw.write(`event: ${event}\ndata: ${JSON.stringify(load(req))}\n\n`);
    const key = topic(req);
    const entry = { reply, push: () => writeSplit(reply, event, load(req)) };
    if (!open.has(key)) open.set(key, new Set());
    open.get(key)!.add(entry);
    const keepAlive = setInterval(() => reply.raw.write(': keep-alive\n\n'), 15_000);
    keepAlive.unref();
    reply.raw.on('close', () => {
      clearInterval(keepAlive);
      open.get(key)?.delete(entry);
    });
  };

  const routes = async (app: FastifyInstance, api: StubApi) => {
    app.addHook('preClose', async () => {
      for (const set of open.values()) for (const s of set) s.reply.raw.end();
    });
    const guard = (handler: (req: FastifyRequest, reply: FastifyReply, user: string) => unknown) => async (req: FastifyRequest, reply: FastifyReply) => {
      const w = api.who(req);
      if (!w) return api.unauthorized(reply);
      return handler(req, reply, w[1].display);
    };
    const q = (req: FastifyRequest) => req.query as Record<string, string | undefined>;
    const boardArgs = (req: FastifyRequest): [Screen, boolean] => {
      const s = q(req).screen;
      return [s === 'wall' || s === 'phone' ? s : 'list', q(req).public === '1'];
    };
    const notFound = (reply: FastifyReply, what: string) => api.send(reply, api.outcome(404, 'not-found', `${what} findes ikke`));
    const record = (req: FastifyRequest, user: string) => posts.push({ path: req.url, body: req.body, user });

    app.get('/api/logistics/wards', guard(() => ({ wards: WARDS })));
    app.get('/api/logistics/wards/:wardId/board', guard((req, reply) => ((req.params as { wardId: string }).wardId === 'w-m1' ? wardBoard(...boardArgs(req)) : notFound(reply, 'Afsnittet'))));
    app.get('/api/logistics/wards/:wardId/board/stream', async (req, reply) => {
      if ((req.params as { wardId: string }).wardId !== 'w-m1') return notFound(reply, 'Afsnittet');
      return stream(api, () => 'board:w-m1', 'board', (r) => wardBoard(...boardArgs(r)))(req, reply);
    });
    app.get('/api/logistics/beds', guard(() => bedOverview()));
    app.get('/api/logistics/beds/stream', stream(api, () => 'beds', 'beds', () => bedOverview()));
    app.get('/api/logistics/ed', guard(() => edBoard()));
    app.get('/api/logistics/ed/stream', stream(api, () => 'ed', 'ed', () => edBoard()));
    app.get('/api/logistics/tasks', guard((req) => taskList(q(req).group, q(req).wardId)));
    app.get('/api/logistics/tasks/stream', stream(api, () => 'tasks', 'tasks', (req) => taskList(q(req).group, q(req).wardId)));

    const syncRowTasks = () => {
      rows = rows.map((r) => {
        const mine = tasks.filter((t) => t.bed?.id === r.bed?.id && r.bed !== undefined);
        return { ...r, tasks: mine.map(boardTask) };
      });
    };

    app.post(
      '/api/logistics/tasks',
      guard((req, reply, user) => {
        record(req, user);
        const b = req.body as NewServiceTask;
        const row = rows.find((r) => (b.bedId && r.bed?.id === b.bedId) || (b.encounterId && r.encounterId === b.encounterId));
        const group = b.kind === 'transport' ? 'portoer' : b.kind === 'rengoering' ? 'rengoering' : 'laborant';
        const task: ServiceTaskView = {
          id: `t-${++seq}`,
          kind: b.kind,
          status: 'requested',
          group,
          ...(b.description ? { description: b.description } : {}),
          ...(b.priority ? { priority: b.priority } : {}),
          ...(row?.patient ? { patient: { id: row.patient.id, name: row.patient.name } } : {}),
          ward: { id: b.wardId, name: 'Medicinsk sengeafsnit M1' },
          ...(row?.bed ? { bed: { id: row.bed.id, name: `${row.bed.room}, ${row.bed.name}` } } : {}),
          ...(b.destination ? { destination: b.destination } : {}),
          authoredOn: iso(Date.now()),
        };
        tasks.push(task);
        syncRowTasks();
        pushBoards();
        push('tasks');
        return reply.code(201).send(task);
      }),
    );

    app.post(
      '/api/logistics/tasks/:id/:action',
      guard((req, reply, user) => {
        record(req, user);
        const { id, action } = req.params as { id: string; action: string };
        const i = tasks.findIndex((t) => t.id === id);
        if (i < 0) return notFound(reply, 'Opgaven');
        const now = iso(Date.now());
        const t = tasks[i]!;
        const next: Record<string, Partial<ServiceTaskView>> = {
          accept: { status: 'accepted', owner: user },
          start: { status: 'in-progress', started: now },
          complete: { status: 'completed', ended: now },
          cancel: { status: 'cancelled', ended: now },
        };
        const expected: Record<string, TaskStatus[]> = { accept: ['requested'], start: ['accepted'], complete: ['in-progress'], cancel: ['requested', 'accepted', 'in-progress'] };
        if (!next[action]) return api.send(reply, api.outcome(400, 'invalid', `Ukendt handling ${action}`));
        if (!expected[action]!.includes(t.status)) return api.send(reply, api.outcome(409, 'conflict', `Opgaven er ${t.status}`));
        tasks[i] = { ...t, ...next[action] };
        syncRowTasks();
        pushBoards();
        push('tasks');
        return tasks[i];
      }),
    );

    app.post(
      '/api/logistics/transfers',
      guard((req, reply, user) => {
        record(req, user);
        const b = req.body as { encounterId: string; toWardId: string; report: string };
        const row = rows.find((r) => r.encounterId === b.encounterId);
        const to = WARDS.find((w) => w.id === b.toWardId);
        if (!row?.patient || !to) return api.send(reply, api.outcome(400, 'invalid', 'Ukendt kontakt eller afsnit'));
        const view: TransferView = {
          id: `tr-${++seq}`,
          status: 'requested',
          encounterId: b.encounterId,
          patient: { id: row.patient.id, name: row.patient.name },
          from: { wardId: 'w-m1', name: 'Medicinsk sengeafsnit M1' },
          to: { wardId: to.id, name: to.name },
          report: b.report,
          authoredOn: iso(Date.now()),
        };
        transfers.push(view);
        rows = rows.map((r) => (r === row ? { ...r, transfer: { taskId: view.id, status: 'requested', direction: 'out', otherWard: to.name } } : r));
        pushBoards();
        return reply.code(201).send(view);
      }),
    );

    app.post(
      '/api/logistics/transfers/:id/:action',
      guard((req, reply, user) => {
        record(req, user);
        const { id, action } = req.params as { id: string; action: string };
        const i = transfers.findIndex((t) => t.id === id);
        if (i < 0) return notFound(reply, 'Overflytningen');
        const tr = transfers[i]!;
        const row = rows.find((r) => r.transfer?.taskId === id);
        if (action === 'accept' || action === 'reject') {
          const status: TaskStatus = action === 'accept' ? 'accepted' : 'rejected';
          transfers[i] = { ...tr, status };
          rows = rows.map((r) => (r === row && r.transfer ? { ...r, transfer: { ...r.transfer, status } } : r));
        } else if (action === 'assign-bed') {
          const bedId = (req.body as { bedId?: string } | undefined)?.bedId;
          const target = rows.find((r) => r.bed !== undefined && r.bed.id === bedId && r.bed.status === 'free');
          if (!target?.bed) return api.send(reply, api.outcome(409, 'conflict', 'Sengen er ikke ledig'));
          transfers[i] = { ...tr, status: 'in-progress', bed: { id: target.bed.id, name: target.bed.name } };
          rows = rows.map((r) => (r === row && r.transfer ? { ...r, transfer: { ...r.transfer, status: 'in-progress', bed: `${target.bed!.room}, ${target.bed!.name}` } } : r));
        } else if (action === 'move') {
          transfers[i] = { ...tr, status: 'completed' };
          const bedId = transfers[i]!.bed?.id;
          if (row && bedId) {
            const { transfer: _t, key: _k, bed: _b, ...moving } = row;
            rows = rows
              .filter((r) => r !== row)
              .map((r) => (r.bed?.id === bedId ? { ...moving, key: r.key, bed: { ...r.bed, status: 'occupied' as const }, whereabouts: 'in-bed' as const, flags: [], pendingTests: [], tasks: [] } : r));
          }
        } else return api.send(reply, api.outcome(400, 'invalid', `Ukendt handling ${action}`));
        pushBoards();
        return transfers[i];
      }),
    );

    app.post(
      '/api/logistics/encounters/:id/discharge',
      guard((req, reply, user) => {
        record(req, user);
        const { id } = req.params as { id: string };
        const row = rows.find((r) => r.encounterId === id);
        if (!row?.bed) return notFound(reply, 'Kontakten');
        const cleaning: ServiceTaskView = {
          id: `t-${++seq}`,
          kind: 'rengoering',
          status: 'requested',
          group: 'rengoering',
          ward: { id: 'w-m1', name: 'Medicinsk sengeafsnit M1' },
          bed: { id: row.bed.id, name: `${row.bed.room}, ${row.bed.name}` },
          authoredOn: iso(Date.now()),
        };
        tasks.push(cleaning);
        rows = rows.map((r) => (r === row ? { key: r.key, bed: { ...r.bed!, status: 'cleaning' }, flags: [], pendingTests: [], tasks: [] } : r));
        syncRowTasks();
        pushBoards();
        push('tasks');
        return { encounterId: id };
      }),
    );

    const edUpdate = (id: string, change: (row: EdRow) => EdRow) => {
      edRows = currentEdRows().map((r) => (r.encounterId === id ? change(r) : r));
      push('ed');
      return edRows.find((r) => r.encounterId === id);
    };
    app.post(
      '/api/logistics/ed/:id/triage',
      guard((req, reply, user) => {
        record(req, user);
        const { id } = req.params as { id: string };
        const level = (req.body as { level?: Triage } | undefined)?.level;
        if (!level) return api.send(reply, api.outcome(400, 'invalid', 'level mangler'));
        return edUpdate(id, (r) => ({ ...r, triage: level })) ?? notFound(reply, 'Kontakten');
      }),
    );
    app.post(
      '/api/logistics/ed/:id/activities/:kind/:action',
      guard((req, reply, user) => {
        record(req, user);
        const { id, kind, action } = req.params as { id: string; kind: TaskKind; action: string };
        const now = Date.now();
        const status: TaskStatus | undefined = action === 'start' ? 'in-progress' : action === 'complete' ? 'completed' : action === 'cancel' ? 'cancelled' : undefined;
        if (!status) return api.send(reply, api.outcome(400, 'invalid', `Ukendt handling ${action}`));
        const step = stepOfKind[kind];
        return (
          edUpdate(id, (r) => ({
            ...r,
            activities: r.activities.map((a) => (a.kind === kind ? { ...a, status, ...(action === 'start' ? { started: iso(now) } : { ended: iso(now) }) } : a)),
            timers: r.timers.map((tm) => (step && tm.step === step && status === 'completed' ? { ...tm, doneAt: iso(now), breached: now > Date.parse(tm.deadline) } : tm)),
          })) ?? notFound(reply, 'Kontakten')
        );
      }),
    );
  };

  return {
    posts,
    streams,
    updateRow(wardId, key, change) {
      if (wardId !== 'w-m1') throw new Error('the stub has one ward board (w-m1)');
      rows = rows.map((r) => (r.key === key ? change(r) : r));
      pushBoards();
    },
    updateCapacity(wardId, change) {
      const i = otherWards.findIndex((w) => w.wardId === wardId);
      if (i < 0) throw new Error(`no ward ${wardId} in the stub's bed overview`);
      otherWards[i] = { ...otherWards[i]!, ...change };
      push('beds');
    },
    openStreams: (topic) => open.get(topic)?.size ?? 0,
    routes,
  };
}
