/**
 * fixed[x] and pattern[x] matching of ElementDefinitions on plain JSON values.
 * @see https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.pattern_x_
 */

/** fixed[x]: exactly equal (same properties, same array order). */
export function equalsFixed(actual: unknown, fixed: unknown): boolean {
  if (fixed === null || typeof fixed !== 'object') return actual === fixed;
  if (actual === null || typeof actual !== 'object') return false;
  if (Array.isArray(fixed)) {
    return Array.isArray(actual) && actual.length === fixed.length && fixed.every((f, i) => equalsFixed(actual[i], f));
  }
  const a = actual as Record<string, unknown>;
  const f = fixed as Record<string, unknown>;
  const keys = Object.keys(f);
  return keys.length === Object.keys(a).length && keys.every((k) => equalsFixed(a[k], f[k]));
}

/** pattern[x]: every property of the pattern is present with a matching value (arrays: each pattern item matched by some item). */
export function matchesPattern(actual: unknown, pattern: unknown): boolean {
  if (pattern === null || typeof pattern !== 'object') return actual === pattern;
  if (Array.isArray(pattern)) {
    const items = Array.isArray(actual) ? actual : [actual];
    return pattern.every((p) => items.some((a) => matchesPattern(a, p)));
  }
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
  const a = actual as Record<string, unknown>;
  return Object.entries(pattern as Record<string, unknown>).every(([k, v]) => matchesPattern(a[k], v));
}
