// Configurable plausibility ranges per vital-sign concept (adult defaults in plausibility.json; devices.md §5 "Artefacts and sentinels").
import { DEFAULT_PLAUSIBILITY, VITAL_CONCEPTS, isVitalConcept, type PlausibilityRange, type PlausibilityRanges, type VitalConcept } from './tables.ts';

/** Per-concept changes to a range table, e.g. `{ heartRate: { min: 40 } }` for a unit's own limits. */
export type PlausibilityOverrides = Readonly<Record<string, Partial<Pick<PlausibilityRange, 'min' | 'max'>>>>;

/**
 * A complete range table: `base` with `overrides` applied per concept. Throws a RangeError for an unknown concept
 * or a resulting range with min > max, so call it when loading configuration, not per message.
 */
export function mergePlausibility(overrides: PlausibilityOverrides, base: Readonly<Record<VitalConcept, PlausibilityRange>> = DEFAULT_PLAUSIBILITY): Readonly<Record<VitalConcept, PlausibilityRange>> {
  const unknown = Object.keys(overrides).filter((k) => !isVitalConcept(k));
  if (unknown.length) throw new RangeError(`plausibility: unknown concept(s) ${unknown.join(', ')}; known: ${VITAL_CONCEPTS.join(', ')}`);
  const merged = Object.fromEntries(
    VITAL_CONCEPTS.map((concept) => {
      const range = { ...base[concept], ...overrides[concept] };
      if (!Number.isFinite(range.min) || !Number.isFinite(range.max) || range.min > range.max) {
        throw new RangeError(`plausibility for ${concept}: min (${range.min}) must be a number not above max (${range.max})`);
      }
      return [concept, Object.freeze(range)];
    }),
  ) as Record<VitalConcept, PlausibilityRange>;
  return Object.freeze(merged);
}

/** True when `value` (in the concept's stored unit) lies within its range (bounds included); concepts missing from `ranges` use the defaults. */
export function isPlausible(value: number, concept: VitalConcept, ranges: PlausibilityRanges = DEFAULT_PLAUSIBILITY): boolean {
  const range = ranges[concept] ?? DEFAULT_PLAUSIBILITY[concept];
  return value >= range.min && value <= range.max;
}

/** The range that applies to `concept` under `ranges`. */
export function plausibilityFor(concept: VitalConcept, ranges: PlausibilityRanges = DEFAULT_PLAUSIBILITY): PlausibilityRange {
  return ranges[concept] ?? DEFAULT_PLAUSIBILITY[concept];
}
