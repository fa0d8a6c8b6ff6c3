/**
 * /api/vitals: device readings to validate, validation, manual vitals, scores, the doctor's orders
 * and acknowledgements, and device associations. The JSON shapes are in ./api-types.ts. Every route
 * needs a bearer token; reads and writes go through the caller's repository (access rules, audit).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { badRequest } from '../errors/index.ts';
import type { Caller } from '../logistics/index.ts';
import { associateDevice, assignHeldReadings, endAssociation, withdrawAssociation } from './device-associations.ts';
import {
  AcknowledgeSchema, AssignHeldSchema, AssociateSchema, ConcernSchema, ManualVitalsSchema, parseBody, ScoreOrderSchema, ValidationSchema, WithdrawSchema,
} from './request-schemas.ts';
import { CHARTING_ROLES, requireRole } from './roles.ts';
import type { VitalsService } from './vitals-service.ts';
import { isValidId } from '../fhir/repository/index.ts';

export interface VitalsPluginOptions {
  readonly service: VitalsService;
  readonly callerFor: (req: FastifyRequest) => Promise<Caller>;
  readonly now?: () => Date;
}

type P = Record<string, string>;

export async function vitalsPlugin(app: FastifyInstance, options: VitalsPluginOptions): Promise<void> {
  const { service, callerFor } = options;
  const now = options.now ?? (() => new Date());
  const idParam = (req: FastifyRequest, name: string) => {
    const id = (req.params as P)[name] ?? '';
    if (!isValidId(id)) throw badRequest(`Invalid ${name}`, name);
    return id;
  };
  const charting = async (req: FastifyRequest, what: string) => {
    const caller = await callerFor(req);
    requireRole(caller.principal, CHARTING_ROLES, what);
    return caller;
  };

  app.get('/api/vitals/wards/:wardId', async (req) => service.wardVitals(await callerFor(req), idParam(req, 'wardId')));
  app.post('/api/vitals/validate', async (req) => service.validate(await callerFor(req), parseBody(ValidationSchema, req.body)));
  app.get('/api/vitals/patients/:patientId', async (req) => service.patient(await callerFor(req), idParam(req, 'patientId')));
  app.post('/api/vitals/patients/:patientId', async (req, reply) => {
    const result = await service.manual(await callerFor(req), idParam(req, 'patientId'), parseBody(ManualVitalsSchema, req.body));
    return reply.code(201).send(result);
  });
  app.post('/api/vitals/patients/:patientId/concern', async (req) => service.concern(await callerFor(req), idParam(req, 'patientId'), parseBody(ConcernSchema, req.body).note));
  app.post('/api/vitals/patients/:patientId/orders', async (req) => service.order(await callerFor(req), idParam(req, 'patientId'), parseBody(ScoreOrderSchema, req.body)));
  app.get('/api/vitals/escalations', async (req) => {
    const wardId = (req.query as Record<string, string | undefined>).wardId;
    if (wardId !== undefined && !isValidId(wardId)) throw badRequest('Invalid wardId', 'wardId');
    return service.escalations(await callerFor(req), wardId);
  });
  app.post('/api/vitals/escalations/:taskId/acknowledge', async (req) => service.acknowledge(await callerFor(req), idParam(req, 'taskId'), parseBody(AcknowledgeSchema, req.body).note));
  app.get('/api/vitals/devices', async (req) => {
    const code = (req.query as Record<string, string | undefined>).code;
    if (!code || code.length > 64) throw badRequest('Give the code on the device (its EUI-64 or serial number)', 'code');
    return service.deviceByCode(await callerFor(req), code);
  });
  app.post('/api/vitals/devices/:deviceId/associate', async (req, reply) => {
    const body = parseBody(AssociateSchema, req.body);
    const result = await associateDevice(await charting(req, 'Associating a device'), idParam(req, 'deviceId'), { patientId: body.patientId, ...(body.until ? { until: body.until } : {}) }, now());
    return reply.code(201).send(result);
  });
  app.post('/api/vitals/associations/:id/end', async (req) => endAssociation(await charting(req, 'Ending a device association'), idParam(req, 'id'), now()));
  app.post('/api/vitals/associations/:id/withdraw', async (req) => withdrawAssociation(await charting(req, 'Withdrawing a device association'), idParam(req, 'id'), parseBody(WithdrawSchema, req.body).reason, now()));
  app.post('/api/vitals/held/assign', async (req) => {
    const body = parseBody(AssignHeldSchema, req.body);
    return assignHeldReadings(await charting(req, 'Filing held readings'), body.readingIds, body.patientId, now());
  });
}
