/** Starts an in-process Kerne on a test store and gives tests a small FHIR client over fastify.inject. */
import { createKerne, type Kerne } from '../../src/app.ts';
import { loadConfig } from '../../src/config/index.ts';
import type { TestStore } from './stores.ts';

export interface TestResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly json: any;
}

type TokenInput = Parameters<Kerne['identity']['issueAccessToken']>[0];

export interface TestKerne {
  readonly kerne: Kerne;
  db(): Kerne['db'];
  /** A bearer token signed by the test Kerne's own identity provider. */
  tokenFor(input: TokenInput): Promise<string>;
  /** Requests carry a system token (system/*.*) unless they give their own Authorization header. */
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse>;
  close(): Promise<void>;
}

export async function startTestKerne(store: TestStore, config: Record<string, unknown> = {}): Promise<TestKerne> {
  const db = await store.open();
  const kerne = await createKerne(loadConfig({ logLevel: 'silent', ...config }, {}), { db });
  const tokenFor = async (input: TokenInput) => (await kerne.identity.issueAccessToken(input)).token;
  const systemToken = await tokenFor({ subject: 'test-system', scope: 'system/*.*', clientId: 'test-system' });
  return {
    kerne,
    db: () => kerne.db,
    tokenFor,
    async request(method, url, body, headers = {}) {
      const auth = Object.keys(headers).some((h) => h.toLowerCase() === 'authorization') ? {} : { authorization: `Bearer ${systemToken}` };
      const isString = typeof body === 'string';
      const res = await kerne.http.inject({
        method: method as 'GET',
        url,
        headers: {
          ...(body !== undefined ? { 'content-type': url.includes('_search') && isString ? 'application/x-www-form-urlencoded' : 'application/fhir+json' } : {}),
          ...auth,
          ...headers,
        },
        ...(body !== undefined ? { payload: isString ? body : JSON.stringify(body) } : {}),
      });
      let json: unknown;
      try {
        json = res.body ? JSON.parse(res.body) : undefined;
      } catch {
        json = undefined;
      }
      return { status: res.statusCode, headers: res.headers as TestResponse['headers'], text: res.body, json };
    },
    close: () => kerne.close(),
  };
}
