/** A small data hook: runs a loader when its keys change, exposes loading/ok/error, and a reload. */
import { useCallback, useEffect, useState } from 'react';

export type Resource<T> = { readonly status: 'loading' } | { readonly status: 'ok'; readonly data: T } | { readonly status: 'error'; readonly error: unknown };

export function useResource<T>(load: () => Promise<T>, keys: readonly unknown[]): Resource<T> & { reload(): void } {
  const [state, setState] = useState<Resource<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    load().then(
      (data) => current && setState({ status: 'ok', data }),
      (error: unknown) => current && setState({ status: 'error', error }),
    );
    return () => {
      current = false;
    };
    // The loader is a new function every render: the keys (and reload) decide when it runs again.
  }, [...keys, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}
