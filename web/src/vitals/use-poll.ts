/**
 * Polling data hook: loads when the keys change, again every `intervalMs` (10 s on the vitals
 * screens) and on reload() (after each action). The last good data stays on screen when a refresh
 * fails; the error is shown beside it. The newest request wins: a stale answer never overwrites a newer one.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Poll<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  reload(): Promise<void>;
  /** Replace the data with an answer the app already has (e.g. a POST returned the new document). */
  set(data: T): void;
}

export function usePoll<T>(load: () => Promise<T>, keys: readonly unknown[], intervalMs = 10_000): Poll<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const loadRef = useRef(load);
  loadRef.current = load;
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const next = await loadRef.current();
      if (mine !== generation.current) return;
      setData(next);
      setError(undefined);
    } catch (err) {
      if (mine === generation.current) setError(err);
    }
  }, []);

  useEffect(() => {
    setData(undefined);
    setError(undefined);
    void reload();
    const id = window.setInterval(() => void reload(), intervalMs);
    return () => {
      window.clearInterval(id);
      generation.current++;
    };
    // The loader is a new function every render: the keys decide when to start again.
  }, [...keys, intervalMs, reload]);

  const set = useCallback((next: T) => {
    generation.current++;
    setData(next);
    setError(undefined);
  }, []);
  return { data, error, reload, set };
}
