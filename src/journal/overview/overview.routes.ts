/**
 * The overview's routes under /api/journal: GET /patients/:patientId/overview (JournalOverview) and
 * GET /sources/:type/:id?version=&start=&end= (JournalSource: a cited text at its version with the
 * span marked). Both read through the caller's repository; a bad parameter is a 400 OperationOutcome.
 */
import type { Resource } from '@medplum/fhirtypes';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { badRequest } from '../../errors/index.ts';
import { isResourceType } from '../../fhir/definitions/index.ts';
import type { Caller } from '../../logistics/index.ts';
import type { JournalOverview, JournalSource } from '../api-types.ts';
import { overviewFor } from './overview-service.ts';
import { sourceView } from './source-view.ts';
import { isValidId } from '../../fhir/repository/index.ts';

const VERSION = /^\d{1,9}$/;
const OFFSET = /^\d{1,9}$/;

export async function overviewRoutes(app: FastifyInstance, options: { callerFor: (req: FastifyRequest) => Promise<Caller>; now?: () => Date }): Promise<void> {
  const now = options.now ?? (() => new Date());

  app.get('/api/journal/patients/:patientId/overview', async (req): Promise<JournalOverview> => {
    const patientId = (req.params as Record<string, string>).patientId ?? '';
    if (!isValidId(patientId)) throw badRequest('Invalid patientId', 'patientId');
    return overviewFor(await options.callerFor(req), patientId, now());
  });

  app.get('/api/journal/sources/:type/:id', async (req): Promise<JournalSource> => {
    const { type = '', id = '' } = req.params as Record<string, string>;
    const query = req.query as Record<string, unknown>;
    if (!isResourceType(type)) throw badRequest(`Unknown resource type '${type.slice(0, 40)}'`, 'type');
    if (!isValidId(id)) throw badRequest('Invalid id', 'id');
    const version = query.version === undefined ? undefined : String(query.version);
    if (version !== undefined && !VERSION.test(version)) throw badRequest('version must be a version id (digits)', 'version');
    const [start, end] = [query.start, query.end].map((v) => (v === undefined ? undefined : String(v)));
    if ((start === undefined) !== (end === undefined)) throw badRequest('Give both start and end, or neither', start === undefined ? 'start' : 'end');
    if (start !== undefined && (!OFFSET.test(start) || !OFFSET.test(end!) || Number(start) > Number(end))) throw badRequest('start and end must be code-point offsets with start ≤ end', 'start');
    const caller = await options.callerFor(req);
    const current = await caller.repo.read(type, id); // 403/404/410 as an OperationOutcome; audited
    const stored = version && Number(version) !== current.versionId ? await caller.repo.vread(type, id, version) : current;
    const resource = JSON.parse(stored.json!) as Resource;
    return sourceView(resource, String(current.versionId), start !== undefined ? { start: Number(start), end: Number(end) } : undefined);
  });
}
