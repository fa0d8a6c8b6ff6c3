/** Break-the-glass grants of this tab (patient id → expiry), so the chart can show "Adgang via værdispring (udløber HH:MM)". */
import type { BreakTheGlassGrant } from '../api/types.ts';

const KEY = 'kerne.btg';

function readAll(): Record<string, string> {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}

export function rememberGrant(grant: BreakTheGlassGrant): void {
  sessionStorage.setItem(KEY, JSON.stringify({ ...readAll(), [grant.patient]: grant.expiresAt }));
}

/** The expiry of a grant for the patient that has not yet expired. */
export function activeGrantExpiry(patientId: string, now = Date.now()): string | undefined {
  const expiresAt = readAll()[patientId];
  return expiresAt && Date.parse(expiresAt) > now ? expiresAt : undefined;
}
