/** Kerne's rounding rule for early-warning inputs: half-up (away from zero) to a number of decimals, on the decimal value as written. @see shared/reference/early-warning.md §1 "Implementation decisions" */

/**
 * Round half-up to `decimals` places: 37.95 → 38.0 (1 place), 95.5 → 96 (0 places).
 * Works on the shortest decimal form of the number (`${value}e${decimals}`), so binary
 * representation error (37.95 is stored as 37.9500000000000028…) cannot flip a half.
 */
export function roundHalfUp(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return value;
  const magnitude = Math.abs(value);
  const text = String(magnitude);
  const scaled = text.includes('e') ? magnitude * 10 ** decimals : Number(`${text}e${decimals}`);
  const rounded = Math.floor(scaled + 0.5);
  const back = text.includes('e') ? rounded / 10 ** decimals : Number(`${rounded}e-${decimals}`);
  return value < 0 ? -back : back;
}

/** °F to °C, trimmed to 6 decimals so conversion noise (37.949999…) does not defeat half-up rounding. */
export const fahrenheitToCelsius = (fahrenheit: number): number => Number((((fahrenheit - 32) * 5) / 9).toFixed(6));
