/** The web app's routes (paths below the /app base) and a pure parser. CPR numbers never appear in a path. */

export const BASE = '/app';

export const CHART_MODULES = ['overview', 'journal', 'vitals', 'medication', 'timeline', 'documents', 'board'] as const;
export type ChartModule = (typeof CHART_MODULES)[number];
const isChartModule = (s: string): s is ChartModule => (CHART_MODULES as readonly string[]).includes(s);

export type Route =
  | { readonly name: 'home' }
  | { readonly name: 'callback' }
  | { readonly name: 'patients' }
  | { readonly name: 'chart'; readonly id: string; readonly module: ChartModule }
  | { readonly name: 'myLog' }
  | { readonly name: 'review' }
  | { readonly name: 'notFound' };

/** The app path of a browser pathname ('/app/patients' → '/patients'); undefined outside the app. */
export function appPath(pathname: string): string | undefined {
  if (pathname === BASE || pathname === `${BASE}/`) return '/';
  return pathname.startsWith(`${BASE}/`) ? pathname.slice(BASE.length) : undefined;
}

export function parseRoute(path: string): Route {
  const parts = path.split('/').filter(Boolean).map(safeDecode);
  const [first, second, third, ...rest] = parts;
  if (!first) return { name: 'home' };
  if (parts.length === 1 && first === 'callback') return { name: 'callback' };
  if (parts.length === 1 && first === 'patients') return { name: 'patients' };
  if (parts.length === 1 && first === 'my-log') return { name: 'myLog' };
  if (parts.length === 2 && first === 'review' && second === 'break-the-glass') return { name: 'review' };
  if (first === 'patient' && second && rest.length === 0) {
    if (third === undefined) return { name: 'chart', id: second, module: 'overview' };
    if (isChartModule(third)) return { name: 'chart', id: second, module: third };
  }
  return { name: 'notFound' };
}

export const chartPath = (id: string, module: ChartModule = 'overview'): string =>
  module === 'overview' ? `/patient/${encodeURIComponent(id)}` : `/patient/${encodeURIComponent(id)}/${module}`;

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
