/**
 * Calls to the Kerne server with the user's access token. The token is refreshed shortly before it
 * expires; a 401 triggers one refresh and a retry, and then the login page. Errors are thrown as
 * ApiError with the server's OperationOutcome.
 */
import type { OperationOutcome } from '@medplum/fhirtypes';
import { needsRefresh, refreshTokens, startLogin } from '../auth/oidc.ts';
import { loadTokens } from '../auth/token-store.ts';
import { BASE } from '../app/routes.ts';
import { isOperationOutcome, outcomeMessage } from './operation-outcome.ts';

export const FHIR_JSON = 'application/fhir+json';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly outcome?: OperationOutcome,
  ) {
    super(message);
  }
}

/** The server could not be reached at all. */
export class NetworkError extends Error {}

const withToken = (init: RequestInit, token: string | undefined): RequestInit => {
  const headers = new Headers(init.headers);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  if (!headers.has('Accept')) headers.set('Accept', `${FHIR_JSON}, application/json`);
  return { ...init, headers };
};

const currentAppPath = () => window.location.pathname.slice(BASE.length) || '/';

/** fetch with the bearer token; resolves with any non-401 response. */
export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  let tokens = loadTokens();
  if (tokens && needsRefresh(tokens)) {
    await refreshTokens();
    tokens = loadTokens();
  }
  if (!tokens) return startLogin(currentAppPath());
  const send = async (token: string) => {
    try {
      return await fetch(path, withToken(init, token));
    } catch (err) {
      throw new NetworkError(err instanceof Error ? err.message : String(err));
    }
  };
  let res = await send(tokens.accessToken);
  if (res.status === 401 && (await refreshTokens())) res = await send(loadTokens()?.accessToken ?? '');
  if (res.status === 401) return startLogin(currentAppPath());
  return res;
}

/** The JSON body of a successful response; an ApiError (with the OperationOutcome) otherwise. */
export async function readJson<T>(res: Response): Promise<T> {
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    const outcome = isOperationOutcome(body) ? body : undefined;
    throw new ApiError(res.status, outcomeMessage(outcome) ?? `${res.status} ${res.statusText}`, outcome);
  }
  return body as T;
}

export const getJson = async <T>(path: string): Promise<T> => readJson<T>(await apiFetch(path));

export const postForm = async <T>(path: string, form: URLSearchParams): Promise<T> =>
  readJson<T>(await apiFetch(path, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form }));

export const postJson = async <T>(path: string, body: unknown): Promise<T> =>
  readJson<T>(await apiFetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }));

/** The bytes of a successful response as a Blob with its content type (documents); an ApiError otherwise. */
export async function getBlob(path: string): Promise<Blob> {
  const res = await apiFetch(path, { headers: { Accept: '*/*' } });
  if (!res.ok) return readJson<never>(res);
  return res.blob();
}
