/** Role-aware navigation: which screens a signed-in user gets, and where they land. Pure. */
import { CLINICAL_ROLES } from '../access/roles.ts';
import type { Me } from '../api/types.ts';
import { idFromReference } from '../patient/patient.helpers.ts';

export type NavKey = 'patients' | 'boards' | 'beds' | 'ed' | 'vitals' | 'escalations' | 'tasks' | 'review' | 'myRecord' | 'myLog' | 'home';

export interface NavItem {
  readonly key: NavKey;
  /** The app path (without the /app base). */
  readonly path: string;
}

const roles = (me: Me) => new Set(me.memberships.map((m) => m.role));

export const isClinician = (me: Me): boolean => me.kind === 'user' && CLINICAL_ROLES.some((r) => roles(me).has(r));
export const isManager = (me: Me): boolean => me.kind === 'user' && roles(me).has('afdelingsledelse');
export const isPatientUser = (me: Me): boolean => me.kind === 'patient';
export const isPorter = (me: Me): boolean => me.kind === 'user' && roles(me).has('portoer');
export const isDoctor = (me: Me): boolean => me.kind === 'user' && roles(me).has('laege');
export const isNurse = (me: Me): boolean => me.kind === 'user' && roles(me).has('sygeplejerske');
/** Validation of vital signs on a ward (/vitaler): nurses and doctors. */
export const canSeeVitals = (me: Me): boolean => isNurse(me) || isDoctor(me);
/** Early-warning escalations (/eskalering): doctors. */
export const canSeeEscalations = (me: Me): boolean => isDoctor(me);
/** Service tasks (/opgaver): the porters' screen; clinicians may open it too. */
export const canSeeTasks = (me: Me): boolean => isPorter(me) || isClinician(me);

/** The patient user's own Patient id. */
export const ownPatientId = (me: Me): string | undefined => me.patient ?? idFromReference(me.fhirUser, 'Patient');

export function navigationFor(me: Me): NavItem[] {
  if (isPatientUser(me)) {
    const own = ownPatientId(me);
    return [...(own ? [{ key: 'myRecord' as const, path: `/patient/${encodeURIComponent(own)}` }] : []), { key: 'myLog', path: '/my-log' }];
  }
  const items: NavItem[] = [];
  if (isClinician(me)) {
    items.push({ key: 'patients', path: '/patients' }, { key: 'boards', path: '/tavle' }, { key: 'beds', path: '/senge' }, { key: 'ed', path: '/akut' });
  }
  if (canSeeVitals(me)) items.push({ key: 'vitals', path: '/vitaler' });
  if (canSeeEscalations(me)) items.push({ key: 'escalations', path: '/eskalering' });
  if (isPorter(me)) items.push({ key: 'tasks', path: '/opgaver' });
  if (isManager(me)) items.push({ key: 'review', path: '/review/break-the-glass' });
  if (items.length === 0) items.push({ key: 'home', path: '/' });
  return items;
}

/** Where `/` takes a user: their first screen, or the placeholder landing page (null). */
export function homePathFor(me: Me): string | null {
  if (isPatientUser(me)) return navigationFor(me)[0]?.path ?? null;
  if (isClinician(me)) return '/patients';
  if (isPorter(me)) return '/opgaver';
  return null;
}
