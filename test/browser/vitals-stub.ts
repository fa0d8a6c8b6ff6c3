/**
 * A stand-in for the server's vital-signs API (src/vitals/api-types.ts) inside the contract stub:
 * medical ward M1 with two patients' device readings waiting for validation, a held and a
 * set-aside reading, alarms and escalations; a patient's vitals (scores raw and adjusted, orders);
 * manual vitals (400 with an OperationOutcome on the field when SpO2 is above 100); validation,
 * held assignment, orders and acknowledgement, which it records and applies to its state. The
 * ward's devices: two fixed monitors, a mobile monitor with Karen, a free one (7) and one with a
 * patient of another ward (8); looking a device up by its code (EUI-64 with or without separators,
 * 404 if unknown), associating (409 while the device is with a patient), ending and withdrawing (its
 * readings go back to the held ones). Also serves the logistics ward list the vitals ward picker
 * reuses, and adds a doctor to the stub's users.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {
  AlarmView,
  DeviceAssociationView,
  DeviceView,
  EscalationView,
  ManualVitals,
  ManualVitalsResult,
  OutsideReadingView,
  PatientPending,
  PatientVitals,
  ReadingView,
  ScoreOrder,
  ScoreOrderView,
  ScoreView,
  Validation,
  ValidationResult,
  WardVitals,
} from '../../src/vitals/api-types.ts';
import { STUB_USERS, type StubApi } from './contract-stub.ts';
import { WARDS } from './logistics-stub.ts';

export interface RecordedPost {
  readonly path: string;
  readonly body: unknown;
  readonly user: string;
}

export interface VitalsStub {
  /** Every POST to /api/vitals, in order. */
  readonly posts: RecordedPost[];
  /** How many times a ward's vitals were fetched. */
  readonly wardFetches: () => number;
  /** The codes GET /api/vitals/devices was asked for, in order. */
  readonly deviceLookups: string[];
  routes(app: FastifyInstance, api: StubApi): Promise<void>;
}

/** A doctor on medical ward M1 with a care relation to Karen Jensen (the contract stub has none). */
export function addStubDoctor(): void {
  STUB_USERS.laege = {
    kind: 'user',
    display: 'Søren Ærø',
    role: 'laege',
    memberships: [{ role: 'laege', unit: 'Organization/med1', unitName: 'Medicinsk afdeling M1' }],
    careFor: ['p-karen'],
  };
}

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

export const KAREN = { id: 'p-karen', name: 'Karen Jensen', bed: 'Stue 1, Seng 1' };
export const METTE = { id: 'p-mette', name: 'Mette Hansen', bed: 'Stue 3, Seng 5' };

const LABELS: Record<string, { da: string; en: string }> = {
  heartRate: { da: 'Puls', en: 'Heart rate' },
  respiratoryRate: { da: 'Respirationsfrekvens', en: 'Respiratory rate' },
  spo2: { da: 'SpO₂', en: 'SpO₂' },
  systolic: { da: 'Systolisk BT', en: 'Systolic BP' },
  temperature: { da: 'Temperatur', en: 'Temperature' },
};

const reading = (id: string, parameter: string, value: number, unit: string, minutesAgo: number, flags: string[] = []): ReadingView => ({
  id,
  parameter,
  label: LABELS[parameter]!,
  value,
  unit,
  at: iso(Date.now() - minutesAgo * MINUTE),
  status: 'preliminary',
  device: { id: 'dev-mon-1', name: 'Monitor 1' },
  flags,
});

const score = (id: string, total: number, risk: ScoreView['risk'], level: ScoreView['level'], minutesAgo: number, extra: Partial<ScoreView> = {}): ScoreView => ({
  observationId: id,
  system: 'TOKS',
  ruleSet: { id: 'toks', version: '2017' },
  total,
  risk,
  level,
  at: iso(Date.now() - minutesAgo * MINUTE),
  nextDue: iso(Date.now() + (240 - minutesAgo) * MINUTE),
  overdue: false,
  provisional: false,
  parts: [],
  concern: false,
  ...extra,
});

/** Device codes on the labels: EUI-64s of a made-up OUI (0A1B2C), as the demo's monitors. */
export const DEVICE_CODES = { monitor1: '0A1B2C0000000001', monitor2: '0A1B2C0000000002', mobile7: '0A1B2C0000000007', mobile8: '0A1B2C0000000008', mobile9: '0A1B2C0000000009' } as const;

export function createVitalsStub(): VitalsStub {
  const posts: RecordedPost[] = [];
  const deviceLookups: string[] = [];
  let fetches = 0;
  let seq = 0;

  let devices: DeviceView[] = [
    { id: 'dev-mon-1', name: 'Monitor 1', code: DEVICE_CODES.monitor1, kind: 'fixed', bed: 'Stue 1, Seng 1' },
    { id: 'dev-mon-2', name: 'Monitor 2', code: DEVICE_CODES.monitor2, kind: 'fixed', bed: 'Stue 3, Seng 5' },
    { id: 'dev-mob-7', name: 'Mobil monitor 7', code: DEVICE_CODES.mobile7, kind: 'mobile' },
    {
      id: 'dev-mob-8',
      name: 'Mobil monitor 8',
      code: DEVICE_CODES.mobile8,
      kind: 'mobile',
      association: { id: 'assoc-8', deviceId: 'dev-mob-8', patientId: 'p-other-ward', start: iso(Date.now() - 300 * MINUTE), status: 'active' },
    },
    {
      id: 'dev-mob-9',
      name: 'Mobil monitor 9',
      code: DEVICE_CODES.mobile9,
      kind: 'mobile',
      association: { id: 'assoc-9', deviceId: 'dev-mob-9', patientId: KAREN.id, patientName: KAREN.name, start: iso(Date.now() - 120 * MINUTE), status: 'active', recordedBy: 'Sofie Sygeplejerske' },
    },
  ];
  const wardPatients = [KAREN, METTE];
  /** The ward's fixed monitors and the mobile devices that are free or with one of its patients (as the server). */
  const wardDevices = () => devices.filter((d) => d.kind === 'fixed' || !d.association || wardPatients.some((p) => p.id === d.association?.patientId));
  /** As the server reads a code: an EUI-64 with or without separators, else the code as given. */
  const byCode = (code: string) => {
    const clean = code.trim().replace(/[-:\s]/g, '');
    const wanted = /^[0-9A-Fa-f]{16}$/.test(clean) ? clean.toUpperCase() : code.trim();
    const device = devices.find((d) => d.code === wanted);
    if (!device) return undefined;
    // The lookup answers without the patient's name (the caller may have no access to the patient).
    if (!device.association) return device;
    const { patientName: _name, ...association } = device.association;
    return { ...device, association };
  };

  let pending: PatientPending[] = [
    {
      patient: KAREN,
      encounterId: 'e-karen',
      readings: [
        reading('r-k-rr', 'respiratoryRate', 24, '/min', 6),
        reading('r-k-spo2', 'spo2', 91, '%', 6),
        reading('r-k-sys', 'systolic', 104, 'mm[Hg]', 6),
        reading('r-k-hr', 'heartRate', 112, '/min', 6),
        reading('r-k-temp', 'temperature', 38.4, 'Cel', 5, ['no-offset']),
      ],
      latestScore: score('s-k-1', 3, 'low-medium', 'ward', 230, { provisional: true }),
      lastConsciousness: 'A',
      lastSupplementalOxygen: false,
      autoFinalise: false,
    },
    {
      patient: METTE,
      encounterId: 'e-mette',
      readings: [reading('r-m-hr', 'heartRate', 88, '/min', 12), reading('r-m-sys', 'systolic', 132, 'mm[Hg]', 12)],
      autoFinalise: false,
    },
  ];
  let held: OutsideReadingView[] = [
    {
      id: 'h-1',
      state: 'held',
      parameter: 'heartRate',
      code: 'MDC_PULS_RATE',
      value: '76',
      unit: '/min',
      at: iso(Date.now() - 20 * MINUTE),
      receivedAt: iso(Date.now() - 20 * MINUTE),
      device: { id: 'dev-mob-7', name: 'Mobil monitor 7', bed: 'Stue 2, Seng 3' },
      reason: 'Apparatet er ikke knyttet til en patient',
    },
  ];
  const aside: OutsideReadingView[] = [
    {
      id: 'a-1',
      state: 'aside',
      parameter: 'spo2',
      code: 'MDC_PULS_OXIM_SAT_O2',
      value: '12',
      unit: '%',
      at: iso(Date.now() - 30 * MINUTE),
      receivedAt: iso(Date.now() - 30 * MINUTE),
      device: { id: 'dev-mon-1', name: 'Monitor 1', bed: 'Stue 1, Seng 1' },
      reason: 'Ikke plausibel: SpO₂ 12 % (sensor faldet af?)',
    },
  ];
  const alarms: AlarmView[] = [
    { id: 'al-1', device: { id: 'dev-mon-1', name: 'Monitor 1', bed: 'Stue 1, Seng 1' }, patient: KAREN, text: 'SpO₂ lav', priority: 'high', at: iso(Date.now() - 3 * MINUTE), active: true },
    { id: 'al-2', device: { id: 'dev-mon-3', name: 'Monitor 3' }, text: 'Elektrode løs', priority: 'low', at: iso(Date.now() - 40 * MINUTE), active: false },
  ];
  let escalations: EscalationView[] = [
    {
      id: 'esc-karen',
      patient: KAREN,
      level: 'urgent',
      priority: 'asap',
      description: 'TOKS 6: tilkald læge straks',
      score: { total: 6, system: 'TOKS' },
      status: 'requested',
      authoredOn: iso(Date.now() - 4 * MINUTE),
      respondBy: iso(Date.now() + 26 * MINUTE),
    },
    {
      id: 'esc-mette',
      patient: METTE,
      level: 'emergency',
      priority: 'stat',
      description: 'TOKS 9: akutteam',
      score: { total: 9, system: 'TOKS' },
      status: 'requested',
      authoredOn: iso(Date.now() - 17 * MINUTE),
      respondBy: iso(Date.now() - 2 * MINUTE),
    },
    {
      id: 'esc-old',
      patient: KAREN,
      level: 'concern',
      priority: 'urgent',
      description: 'Sygeplejerske bekymret',
      status: 'accepted',
      authoredOn: iso(Date.now() - 90 * MINUTE),
      acknowledgedBy: 'Søren Ærø',
      acknowledgedAt: iso(Date.now() - 80 * MINUTE),
    },
  ];
  const orders: ScoreOrderView[] = [
    {
      id: 'o-1',
      kind: 'spo2-scale-2',
      reason: 'KOL med habituel SpO₂ 88–92 %',
      expires: iso(Date.now() + 2 * 24 * 60 * MINUTE),
      author: 'Søren Ærø',
      authoredOn: iso(Date.now() - 24 * 60 * MINUTE),
      expired: false,
    },
  ];
  let karenScores: ScoreView[] = [
    score('s-k-1', 3, 'low-medium', 'ward', 230, { adjusted: { level: 'routine', reason: 'KOL med habituel SpO₂ 88–92 %', expires: orders[0]!.expires } }),
    score('s-k-0', 1, 'low', 'routine', 470),
    score('s-k-old', 0, 'low', 'routine', 26 * 60),
  ];

  const wardVitals = (): WardVitals => ({
    wardId: 'w-m1',
    patients: pending,
    held,
    aside,
    alarms,
    escalations: escalations.filter((e) => e.status !== 'completed'),
    devices: wardDevices(),
    generatedAt: iso(Date.now()),
  });
  const patientVitals = (): PatientVitals => ({
    patient: KAREN,
    latestScore: karenScores[0],
    scores: karenScores,
    readings: pending.find((p) => p.patient.id === KAREN.id)?.readings ?? [],
    orders,
    escalations: escalations.filter((e) => e.patient.id === KAREN.id),
  });

  const routes = async (app: FastifyInstance, api: StubApi) => {
    const guard = (handler: (req: FastifyRequest, reply: FastifyReply, user: string) => unknown) => async (req: FastifyRequest, reply: FastifyReply) => {
      const w = api.who(req);
      if (!w) return api.unauthorized(reply);
      return handler(req, reply, w[1].display);
    };
    const record = (req: FastifyRequest, user: string) => posts.push({ path: req.url, body: req.body, user });
    const invalid = (reply: FastifyReply, diagnostics: string, expression?: string) =>
      reply
        .code(400)
        .type('application/fhir+json')
        .send({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'value', diagnostics, ...(expression ? { expression: [expression] } : {}) }] });

    app.get('/api/logistics/wards', guard(() => ({ wards: WARDS })));
    app.get(
      '/api/vitals/wards/:wardId',
      guard((req, reply) => {
        fetches++;
        return (req.params as { wardId: string }).wardId === 'w-m1' ? wardVitals() : api.send(reply, api.outcome(404, 'not-found', 'Afsnittet findes ikke'));
      }),
    );
    app.post(
      '/api/vitals/validate',
      guard((req, reply, user) => {
        record(req, user);
        const v = req.body as Validation;
        const accept = new Set(v.accept ?? []);
        const reject = new Set(v.reject ?? []);
        const all = pending.flatMap((p) => p.readings.map((r) => r.id));
        if ([...accept, ...reject].some((id) => !all.includes(id))) return invalid(reply, 'Ukendt måling', 'Validation.accept');
        pending = pending.map((p) => ({ ...p, readings: p.readings.filter((r) => !accept.has(r.id) && !reject.has(r.id)) }));
        const scores: ScoreView[] = [];
        if (accept.has('r-k-hr')) {
          const adjusted = { level: 'ward', reason: orders[0]!.reason, expires: orders[0]!.expires };
          const s = score(`s-k-${++seq}`, 6, 'medium', 'urgent', 0, { nextDue: iso(Date.now() + 60 * MINUTE), adjusted });
          karenScores = [s, ...karenScores];
          pending = pending.map((p) => (p.patient.id === KAREN.id ? { ...p, latestScore: s, lastConsciousness: v.consciousness ?? p.lastConsciousness } : p));
          scores.push(s);
        }
        const result: ValidationResult = { accepted: accept.size, rejected: reject.size, corrected: v.corrections?.length ?? 0, provenanceId: `prov-${seq}`, scores };
        return result;
      }),
    );
    app.post(
      '/api/vitals/held/assign',
      guard((req, _reply, user) => {
        record(req, user);
        const b = req.body as { readingIds: string[]; patientId: string };
        const before = held.length;
        held = held.filter((h) => !b.readingIds.includes(h.id));
        return { assigned: before - held.length };
      }),
    );
    app.get(
      '/api/vitals/patients/:patientId',
      guard((req, reply) => ((req.params as { patientId: string }).patientId === KAREN.id ? patientVitals() : api.send(reply, api.outcome(404, 'not-found', 'Patienten findes ikke')))),
    );
    app.post(
      '/api/vitals/patients/:patientId',
      guard((req, reply, user) => {
        record(req, user);
        const m = req.body as ManualVitals;
        if (m.spo2 !== undefined && (m.spo2 < 0 || m.spo2 > 100)) return invalid(reply, 'SpO₂ skal være mellem 0 og 100 %.', 'ManualVitals.spo2');
        const ids = Object.keys(m).map(() => `obs-${++seq}`);
        const complete = ['respiratoryRate', 'spo2', 'systolic', 'heartRate', 'temperature', 'consciousness', 'supplementalOxygen'].every((k) => k in m);
        if (!complete) return { observationIds: ids, incomplete: ['Temperatur mangler'] } satisfies ManualVitalsResult;
        const s = score(`s-k-${++seq}`, 4, 'low-medium', 'ward', 0, { concern: m.concern === true });
        karenScores = [s, ...karenScores];
        return { observationIds: ids, score: s } satisfies ManualVitalsResult;
      }),
    );
    app.post(
      '/api/vitals/patients/:patientId/concern',
      guard((req, _reply, user) => {
        record(req, user);
        return patientVitals();
      }),
    );
    app.post(
      '/api/vitals/patients/:patientId/orders',
      guard((req, reply, user) => {
        record(req, user);
        const o = req.body as ScoreOrder;
        if ((o.reason ?? '').trim().length < 10) return invalid(reply, 'Begrundelsen skal være mindst 10 tegn.', 'ScoreOrder.reason');
        orders.unshift({ ...o, id: `o-${++seq}`, author: user, authoredOn: iso(Date.now()), expired: false });
        return patientVitals();
      }),
    );
    app.get(
      '/api/vitals/devices',
      guard((req, reply) => {
        const code = (req.query as { code?: string }).code ?? '';
        deviceLookups.push(code);
        if (!code || code.length > 64) return invalid(reply, 'Give the code on the device (its EUI-64 or serial number)', 'code');
        return byCode(code) ?? api.send(reply, api.outcome(404, 'not-found', `A device with the code '${code}' not found`));
      }),
    );
    app.post(
      '/api/vitals/devices/:deviceId/associate',
      guard((req, reply, user) => {
        record(req, user);
        const { deviceId } = req.params as { deviceId: string };
        const b = req.body as { patientId: string; until?: string };
        const device = devices.find((d) => d.id === deviceId);
        if (!device) return api.send(reply, api.outcome(404, 'not-found', `Device/${deviceId} not found`));
        if (device.association?.status === 'active') {
          return api.send(reply, api.outcome(409, 'conflict', 'The device is associated with another patient until it is ended (DeviceUseStatement/assoc-x)'));
        }
        const patient = wardPatients.find((p) => p.id === b.patientId);
        if (!patient) return invalid(reply, `Unknown patient '${b.patientId}'`, 'patientId');
        const association: DeviceAssociationView = { id: `assoc-${++seq}`, deviceId, patientId: patient.id, start: iso(Date.now()), ...(b.until ? { end: b.until } : {}), status: 'active', recordedBy: user };
        devices = devices.map((d) => (d.id === deviceId ? { ...d, association: { ...association, patientName: patient.name } } : d));
        return reply.code(201).send(association);
      }),
    );
    const findAssociation = (id: string) => devices.find((d) => d.association?.id === id);
    app.post(
      '/api/vitals/associations/:id/end',
      guard((req, reply, user) => {
        record(req, user);
        const { id } = req.params as { id: string };
        const device = findAssociation(id);
        if (!device?.association) return api.send(reply, api.outcome(404, 'not-found', `DeviceUseStatement/${id} not found`));
        const { patientName: _name, ...ended } = { ...device.association, status: 'completed' as const, end: iso(Date.now()) };
        devices = devices.map((d) => (d.id === device.id ? { id: d.id, kind: d.kind, ...(d.name ? { name: d.name } : {}), ...(d.code ? { code: d.code } : {}) } : d));
        return ended;
      }),
    );
    app.post(
      '/api/vitals/associations/:id/withdraw',
      guard((req, reply, user) => {
        record(req, user);
        const { id } = req.params as { id: string };
        const { reason } = (req.body ?? {}) as { reason?: string };
        if ((reason ?? '').trim().length < 10) return invalid(reply, 'Say why the association was wrong (at least 10 characters)', 'reason');
        const device = findAssociation(id);
        if (!device?.association) return api.send(reply, api.outcome(404, 'not-found', `DeviceUseStatement/${id} not found`));
        // Its two readings leave the patient's record and go back to the held ones.
        const back: OutsideReadingView[] = [
          ['heartRate', 'MDC_PULS_RATE', '81', '/min'],
          ['spo2', 'MDC_PULS_OXIM_SAT_O2', '95', '%'],
        ].map(([parameter, code, value, unit], i) => ({
          id: `h-w-${++seq}`,
          state: 'held',
          parameter: parameter!,
          code: code!,
          value: value!,
          unit: unit!,
          at: iso(Date.now() - (5 + i) * MINUTE),
          receivedAt: iso(Date.now() - (5 + i) * MINUTE),
          device: { id: device.id, ...(device.name ? { name: device.name } : {}) },
          reason: `Taget fra ${device.association!.patientName ?? device.association!.patientId}: ${reason!.trim()}`,
        }));
        held = [...held, ...back];
        devices = devices.map((d) => (d.id === device.id ? { id: d.id, kind: d.kind, ...(d.name ? { name: d.name } : {}), ...(d.code ? { code: d.code } : {}) } : d));
        return { withdrawn: back.length };
      }),
    );
    app.get('/api/vitals/escalations', guard(() => ({ escalations: escalations.filter((e) => e.status !== 'completed'), generatedAt: iso(Date.now()) })));
    app.post(
      '/api/vitals/escalations/:taskId/acknowledge',
      guard((req, reply, user) => {
        record(req, user);
        const { taskId } = req.params as { taskId: string };
        const found = escalations.find((e) => e.id === taskId);
        if (!found) return api.send(reply, api.outcome(404, 'not-found', 'Eskaleringen findes ikke'));
        const updated: EscalationView = { ...found, status: 'accepted', acknowledgedBy: user, acknowledgedAt: iso(Date.now()) };
        escalations = escalations.map((e) => (e.id === taskId ? updated : e));
        return updated;
      }),
    );
  };

  return {
    posts,
    wardFetches: () => fetches,
    deviceLookups,
    routes,
  };
}
