/** Pure helpers for the audit screens. */
import { roleName } from '../access/roles.ts';
import type { Lang } from '../i18n/lang.ts';

/** Newest first. */
export const newestFirst = <T extends { recorded: string }>(entries: readonly T[]): T[] => [...entries].sort((a, b) => Date.parse(b.recorded) - Date.parse(a.recorded));

/** "Sygeplejerske, Medicinsk afdeling M1" */
export const roleAndUnit = (role: string | undefined, unit: string | undefined, lang: Lang): string => [roleName(role, lang), unit].filter(Boolean).join(', ');
