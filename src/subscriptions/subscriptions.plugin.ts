/**
 * HTTP for the websocket channel (R5 Backport IG 1.1.0): GET|POST /fhir/Subscription/:id/$get-ws-binding-token
 * answers a Parameters (token, expiration, subscription, websocket-url); the websocket at /ws/subscriptions
 * takes `bind-with-token <token>` messages and then carries notification Bundles.
 * @see https://hl7.org/fhir/uv/subscriptions-backport/STU1.1/channels.html#websockets
 */
import websocket from '@fastify/websocket';
import type { OperationOutcome, Parameters, Subscription } from '@medplum/fhirtypes';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/index.ts';
import { FhirError, IssueType } from '../errors/index.ts';
import type { FhirRepository } from '../fhir/repository/index.ts';
import { FHIR_JSON } from '../fhir/rest/index.ts';
import type { WebsocketHub } from './websocket-hub.ts';
import { issueBindingToken, redeemBindingToken } from './ws-binding-token.ts';

export const WS_PATH = '/ws/subscriptions';
const MAX_MESSAGE_BYTES = 4096;

export interface SubscriptionsPluginOptions {
  readonly db: Db;
  /** The repository acting for the caller: reading the Subscription is access-controlled like any read. */
  readonly repoFor: (req: FastifyRequest) => Promise<FhirRepository>;
  readonly hub: WebsocketHub;
  readonly tokenTtlMs: number;
  /** Fixed public FHIR base URL (config.baseUrl); derived from the request's Host otherwise. */
  readonly baseUrl?: string | undefined;
}

export async function subscriptionsPlugin(app: FastifyInstance, options: SubscriptionsPluginOptions): Promise<void> {
  const { db, repoFor, hub } = options;
  await app.register(websocket, { options: { maxPayload: MAX_MESSAGE_BYTES } });

  const baseUrlOf = (req: FastifyRequest) => options.baseUrl ?? `${req.protocol}://${req.headers.host ?? 'localhost'}/fhir`;
  const wsUrlOf = (req: FastifyRequest) => `${baseUrlOf(req).replace(/^http/, 'ws').replace(/\/fhir\/?$/, '')}${WS_PATH}`;

  const getToken = async (req: FastifyRequest<{ Params: { id: string } }>) => {
    const stored = await (await repoFor(req)).read('Subscription', req.params.id);
    const sub = JSON.parse(stored.json!) as Subscription;
    if (sub.channel?.type !== 'websocket') {
      throw new FhirError(400, IssueType.invalid, `Subscription/${sub.id} has channel type '${String(sub.channel?.type)}', not websocket`);
    }
    if (sub.status !== 'active') throw new FhirError(400, IssueType.processing, `Subscription/${sub.id} is '${sub.status}', not active`);
    const { token, expiresAt } = await issueBindingToken(db, sub.id!, options.tokenTtlMs);
    const body: Parameters = {
      resourceType: 'Parameters',
      parameter: [
        { name: 'token', valueString: token },
        { name: 'expiration', valueDateTime: expiresAt.toISOString() },
        { name: 'subscription', valueString: `Subscription/${sub.id}` },
        { name: 'websocket-url', valueUrl: wsUrlOf(req) },
      ],
    };
    return body;
  };
  for (const method of ['GET', 'POST'] as const) {
    app.route<{ Params: { id: string } }>({
      method,
      url: '/fhir/Subscription/:id/$get-ws-binding-token',
      handler: async (req, reply) => reply.type(FHIR_JSON).send(JSON.stringify(await getToken(req))),
    });
  }

  app.get(WS_PATH, { websocket: true }, (socket, req) => {
    const baseUrl = baseUrlOf(req);
    socket.on('message', (data, isBinary) => {
      const text = isBinary ? '' : data.toString();
      const match = /^bind-with-token\s+(\S+)\s*$/.exec(text);
      if (!match) {
        socket.send(JSON.stringify(outcome(`Unknown message; send 'bind-with-token <token>'`)));
        return;
      }
      void (async () => {
        const id = await redeemBindingToken(db, match[1]!);
        const error = id ? await hub.bind(socket, id, baseUrl) : 'The token is unknown or has expired';
        if (error) socket.send(JSON.stringify(outcome(error)));
      })().catch((err: unknown) => {
        req.log.error({ err }, 'websocket bind failed');
        socket.send(JSON.stringify(outcome('Binding failed')));
      });
    });
  });
}

function outcome(text: string): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'processing', details: { text } }] };
}
