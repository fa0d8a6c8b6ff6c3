/**
 * Kerne's roles as the web app shows them: a copy of ROLE_DISPLAY from the server's
 * src/access/principal.ts (the web app does not import server code), and which screens each role gets.
 */
import type { Lang } from '../i18n/lang.ts';

export const ROLE_DISPLAY = {
  laege: { da: 'Læge', en: 'Physician' },
  sygeplejerske: { da: 'Sygeplejerske', en: 'Nurse' },
  sekretaer: { da: 'Lægesekretær', en: 'Medical secretary' },
  portoer: { da: 'Serviceassistent/portør', en: 'Service assistant/porter' },
  afdelingsledelse: { da: 'Afdelingsledelse', en: 'Department management' },
  administrator: { da: 'Administrator', en: 'Administrator' },
  integration: { da: 'Integration (systemklient)', en: 'Integration (system client)' },
  patient: { da: 'Patient', en: 'Patient' },
} as const;

export type Role = keyof typeof ROLE_DISPLAY;

export const isRole = (code: string): code is Role => Object.hasOwn(ROLE_DISPLAY, code);

/** The role's name in the language, or the code itself for a role the app does not know. */
export function roleName(code: string | undefined, lang: Lang): string {
  if (!code) return '';
  return isRole(code) ? ROLE_DISPLAY[code][lang] : code;
}

/** Roles that search for patients and open their charts. */
export const CLINICAL_ROLES: readonly Role[] = ['laege', 'sygeplejerske', 'sekretaer', 'afdelingsledelse'];
