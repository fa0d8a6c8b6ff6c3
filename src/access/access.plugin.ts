/**
 * Kerne's own API for the web app around access: who am I, break-the-glass, "min log" and the
 * managers' break-the-glass review. JSON under /api; every route needs a bearer token.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { badRequest } from '../errors/index.ts';
import type { AccessControl } from './access-control.ts';
import type { Principal, RequestOrigin } from './principal.ts';

export interface AccessPluginOptions {
  readonly access: AccessControl;
  readonly authenticate: (req: FastifyRequest) => Promise<Principal>;
}

export function requestOrigin(req: FastifyRequest): RequestOrigin {
  const agent = req.headers['user-agent'];
  return { address: req.ip, requestId: String(req.id), ...(typeof agent === 'string' ? { userAgent: agent.slice(0, 200) } : {}) };
}

export async function accessPlugin(app: FastifyInstance, options: AccessPluginOptions): Promise<void> {
  const { access, authenticate } = options;

  app.get('/api/me', async (req) => {
    const principal = await authenticate(req);
    const units = new Map((await access.unitsOf(principal)).map((u) => [`Organization/${u.id}`, u]));
    return {
      kind: principal.kind,
      display: principal.display,
      ...(principal.fhirUser ? { fhirUser: principal.fhirUser } : {}),
      ...(principal.patient ? { patient: principal.patient } : {}),
      memberships: principal.memberships.map((m) => ({
        role: m.role,
        ...(m.unit ? { unit: m.unit } : {}),
        ...(m.unit && units.has(m.unit) ? { unitName: units.get(m.unit)!.name, psychiatric: units.get(m.unit)!.psychiatric } : {}),
      })),
      scopes: principal.scopes,
    };
  });

  app.post('/api/break-the-glass', async (req, reply) => {
    const principal = await authenticate(req);
    const body = (req.body ?? {}) as { patient?: unknown; reason?: unknown };
    const patient = typeof body.patient === 'string' ? body.patient.replace(/^Patient\//, '') : '';
    if (!/^[A-Za-z0-9\-.]{1,64}$/.test(patient)) throw badRequest('Name the patient: { "patient": "<id>", "reason": "…" }', 'patient');
    if (typeof body.reason !== 'string') throw badRequest('State the reason for break-the-glass', 'reason');
    const grant = await access.breakTheGlass(principal, requestOrigin(req), patient, body.reason);
    reply.code(201);
    return grant;
  });

  app.get('/api/audit/mine', async (req) => ({ entries: await access.myLog(await authenticate(req)) }));
  app.get('/api/audit/break-the-glass', async (req) => ({ entries: await access.breakTheGlassReview(await authenticate(req)) }));
}
