/**
 * Kerne's roles as the web app shows them: the names come from the server's pure
 * src/access/principal.ts (one list for both), plus which screens each role gets.
 */
import { isRole, ROLE_DISPLAY, type Role } from '../../../src/access/principal.ts';
import type { Lang } from '../i18n/lang.ts';

export { isRole, ROLE_DISPLAY, type Role };

/** The role's name in the language, or the code itself for a role the app does not know. */
export function roleName(code: string | undefined, lang: Lang): string {
  if (!code) return '';
  return isRole(code) ? ROLE_DISPLAY[code][lang] : code;
}

/** Roles that search for patients and open their charts. */
export const CLINICAL_ROLES: readonly Role[] = ['laege', 'sygeplejerske', 'sekretaer', 'afdelingsledelse'];
