// Looks up IEEE 11073-10101 MDC observation codes in the vital-sign table (devices.md §4): one concept for all MDC variants.
import { VITAL_CODES, type VitalCode } from './tables.ts';

const byMdc = new Map(VITAL_CODES.map((row) => [row.mdc, row]));
const byRefId = new Map(VITAL_CODES.map((row) => [row.mdcRefId, row]));

/** The vital-sign row for an MDC code (`150456`) or reference id (`MDC_PULS_OXIM_SAT_O2`); undefined when unmapped. */
export function lookupMdc(code: string): VitalCode | undefined {
  const key = code.trim();
  return byMdc.get(key) ?? byRefId.get(key.toUpperCase());
}
