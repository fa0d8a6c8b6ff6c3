/** The web app's routes (paths below the /app base) and a pure parser. CPR numbers never appear in a path. */
import type { TASK_GROUP_BY_KIND } from '../../../src/logistics/model.ts';

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
  | { readonly name: 'wards' }
  | { readonly name: 'wardBoard'; readonly wardId: string }
  | { readonly name: 'beds' }
  | { readonly name: 'ed' }
  | { readonly name: 'tasks' }
  | { readonly name: 'vitalsWards' }
  | { readonly name: 'wardVitals'; readonly wardId: string }
  | { readonly name: 'escalations' }
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
  if (first === 'tavle' && parts.length === 1) return { name: 'wards' };
  if (first === 'tavle' && second && parts.length === 2) return { name: 'wardBoard', wardId: second };
  if (parts.length === 1 && first === 'senge') return { name: 'beds' };
  if (parts.length === 1 && first === 'akut') return { name: 'ed' };
  if (parts.length === 1 && first === 'opgaver') return { name: 'tasks' };
  if (first === 'vitaler' && parts.length === 1) return { name: 'vitalsWards' };
  if (first === 'vitaler' && second && parts.length === 2) return { name: 'wardVitals', wardId: second };
  if (parts.length === 1 && first === 'eskalering') return { name: 'escalations' };
  if (first === 'patient' && second && rest.length === 0) {
    if (third === undefined) return { name: 'chart', id: second, module: 'overview' };
    if (isChartModule(third)) return { name: 'chart', id: second, module: third };
  }
  return { name: 'notFound' };
}

export const chartPath = (id: string, module: ChartModule = 'overview'): string =>
  module === 'overview' ? `/patient/${encodeURIComponent(id)}` : `/patient/${encodeURIComponent(id)}/${module}`;

/** The three presentations of a ward board: `?skaerm=vaeg` (wall), the PC list (default), `?skaerm=telefon` (phone). */
export type BoardScreen = 'wall' | 'list' | 'phone';
const SCREEN_PARAM: Record<BoardScreen, string | undefined> = { wall: 'vaeg', list: undefined, phone: 'telefon' };

/** The presentation asked for in the query; `offentlig=1` (wall only) is a screen the public can see: initials only. */
export function boardScreenOf(search: string): { screen: BoardScreen; isPublic: boolean } {
  const q = new URLSearchParams(search);
  const value = q.get('skaerm');
  const screen: BoardScreen = value === 'vaeg' ? 'wall' : value === 'telefon' ? 'phone' : 'list';
  return { screen, isPublic: screen === 'wall' && q.get('offentlig') === '1' };
}

export function wardBoardPath(wardId: string, screen: BoardScreen = 'list', isPublic = false): string {
  const q = new URLSearchParams();
  const param = SCREEN_PARAM[screen];
  if (param) q.set('skaerm', param);
  if (isPublic && screen === 'wall') q.set('offentlig', '1');
  const query = q.toString();
  return `/tavle/${encodeURIComponent(wardId)}${query ? `?${query}` : ''}`;
}

/** The staff groups service tasks go to (TASK_GROUP_BY_KIND in src/logistics/model.ts), chosen with `?gruppe=` on /opgaver. */
type ModelTaskGroup = NonNullable<(typeof TASK_GROUP_BY_KIND)[keyof typeof TASK_GROUP_BY_KIND]>;
export const TASK_GROUPS = ['portoer', 'rengoering', 'laborant'] as const satisfies readonly ModelTaskGroup[];
export type TaskGroup = (typeof TASK_GROUPS)[number];
export const isTaskGroup = (s: unknown): s is TaskGroup => (TASK_GROUPS as readonly unknown[]).includes(s);

export const wardVitalsPath = (wardId: string): string => `/vitaler/${encodeURIComponent(wardId)}`;

export const tasksPath = (group?: TaskGroup): string => (group ? `/opgaver?gruppe=${group}` : '/opgaver');

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
