/**
 * A small history router: the app path comes from location.pathname below /app, navigation is
 * pushState, and <Link> renders a real <a href> (so links work with keyboard, middle click and
 * screen readers) that navigates in-app on a plain click.
 */
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';
import { appPath, BASE } from './routes.ts';

const CHANGE = 'kerne:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGE, onChange);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

/** The current app path ('/patients') and query string. */
export function useLocation(): { path: string; search: string } {
  const current = useSyncExternalStore(subscribe, snapshot);
  const [pathname = '', query = ''] = current.split('?');
  return { path: appPath(pathname) ?? '/', search: query ? `?${query}` : '' };
}

export const hrefOf = (path: string): string => `${BASE}${path === '/' ? '/' : path}`;

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  const href = hrefOf(path);
  if (options.replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  window.dispatchEvent(new Event(CHANGE));
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

export function Link({ to, onClick, ...rest }: LinkProps) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={hrefOf(to)} onClick={handle} {...rest} />;
}
