/**
 * React side of a live feed: the latest document from an SSE stream of /api/logistics (through
 * apiFetch, so with the bearer token and its refresh), the connection status for the indicator,
 * and the error when the server refuses (403/404). Data is only ever that of the current path.
 */
import { useCallback, useEffect, useState } from 'react';
import { apiFetch, readJson } from '../api/api-client.ts';
import { openLiveStream, type LiveStatus } from './live-stream.ts';

export interface Live<T> {
  readonly data: T | undefined;
  readonly status: LiveStatus;
  readonly error: unknown;
  /** Opens the stream again (after an error). */
  retry(): void;
  /** Changes the shown document until the stream brings the next one (e.g. with a POST's answer). */
  update(change: (data: T) => T): void;
}

export function useLiveData<T>(path: string, events: readonly string[] | '*', accept: (x: unknown) => x is T): Live<T> {
  const [state, setState] = useState<{ path: string; data?: T; status: LiveStatus; error?: unknown }>({ path, status: 'connecting' });
  const [generation, setGeneration] = useState(0);
  const eventKey = events === '*' ? '*' : events.join(',');

  useEffect(() => {
    setState({ path, status: 'connecting' });
    const stream = openLiveStream<T>({
      connect: (signal) => apiFetch(path, { headers: { Accept: 'text/event-stream' }, cache: 'no-store', signal }),
      events,
      accept,
      toError: (res) => readJson(res).then(
        () => new Error(`${res.status}`),
        (err: unknown) => err,
      ),
      onData: (data) => setState((s) => ({ ...s, path, data, status: 'live', error: undefined })),
      onStatus: (status) => setState((s) => (s.status === status ? s : { ...s, status })),
      onFatal: (error) => setState((s) => ({ ...s, error, status: 'failed' })),
    });
    const online = () => stream.reconnectNow();
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      stream.close();
    };
    // `events` and `accept` are fixed per call site; eventKey stands for them.
  }, [path, eventKey, generation]);

  const retry = useCallback(() => setGeneration((g) => g + 1), []);
  const update = useCallback((change: (data: T) => T) => setState((s) => (s.data === undefined ? s : { ...s, data: change(s.data) })), []);
  const current = state.path === path;
  return { data: current ? state.data : undefined, status: current ? state.status : 'connecting', error: current ? state.error : undefined, retry, update };
}
