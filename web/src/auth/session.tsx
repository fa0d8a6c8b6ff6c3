/**
 * The login session in the React tree: completes the OIDC callback, sends a signed-out visitor to
 * the login page, loads who the user is (GET /api/me), and refreshes the tokens before they expire.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { ApiError, getJson, NetworkError } from '../api/api-client.ts';
import type { Me } from '../api/types.ts';
import { navigate } from '../app/router.tsx';
import { appPath } from '../app/routes.ts';
import { completeLogin, LoginError, refreshDelay, refreshTokens, startLogin } from './oidc.ts';
import { loadPendingLogin, loadTokens } from './token-store.ts';

export type SessionState =
  | { readonly status: 'redirecting' }
  | { readonly status: 'completing' }
  | { readonly status: 'failed'; readonly problem: 'state-mismatch' | 'denied' | 'token' | 'system' | 'network' | 'server'; readonly message?: string }
  | { readonly status: 'ready'; readonly me: Me };

const MeContext = createContext<Me | null>(null);

/** The signed-in user (only inside a ready session). */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside a signed-in session');
  return me;
}

export function MeProvider({ me, children }: { me: Me; children: ReactNode }) {
  return <MeContext.Provider value={me}>{children}</MeContext.Provider>;
}

export function useSession(): SessionState {
  const [state, setState] = useState<SessionState>(() => (appPath(window.location.pathname) === '/callback' ? { status: 'completing' } : { status: 'redirecting' }));

  useEffect(() => {
    let current = true;
    const fail = (err: unknown) => {
      if (!current) return;
      if (err instanceof LoginError) setState({ status: 'failed', problem: err.code, message: err.message });
      else if (err instanceof NetworkError) setState({ status: 'failed', problem: 'network' });
      else if (err instanceof ApiError) setState({ status: 'failed', problem: 'server', message: err.message });
      else setState({ status: 'failed', problem: 'server', message: err instanceof Error ? err.message : String(err) });
    };
    const loadMe = async () => {
      const me = await getJson<Me>('/api/me');
      if (!current) return;
      setState(me.kind === 'system' ? { status: 'failed', problem: 'system' } : { status: 'ready', me });
    };
    const path = appPath(window.location.pathname) ?? '/';
    if (path === '/callback' && !loadPendingLogin() && loadTokens()) {
      // Back to the callback URL (browser history) after the login completed: nothing to exchange.
      navigate('/', { replace: true });
      loadMe().catch(fail);
    } else if (path === '/callback') {
      completeLogin(new URLSearchParams(window.location.search))
        .then((returnTo) => {
          navigate(returnTo, { replace: true });
          return loadMe();
        })
        .catch(fail);
    } else if (!loadTokens()) {
      void startLogin(path);
    } else {
      loadMe().catch(fail);
    }
    return () => {
      current = false;
    };
  }, []);

  // Refresh shortly before the access token expires, for as long as the session is open.
  const ready = state.status === 'ready';
  useEffect(() => {
    if (!ready) return;
    let timer: number | undefined;
    const schedule = () => {
      const tokens = loadTokens();
      if (!tokens?.refreshToken) return;
      timer = window.setTimeout(() => {
        refreshTokens().then((ok) => ok && schedule(), () => undefined);
      }, refreshDelay(tokens));
    };
    schedule();
    return () => window.clearTimeout(timer);
  }, [ready]);

  return state;
}
