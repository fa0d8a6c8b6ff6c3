/** Band lookup and coverage checks for rule-set parameters: numeric (min/max inclusive, optionally oxygen-dependent), coded (ACVPU) and boolean (oxygen). @see shared/reference/early-warning.md §1, §5 */
import type { BooleanBand, CodedBand, NumericBand } from './rule-set-schema.ts';

/** Whether a (rounded) value falls in a numeric band; an oxygen-dependent band needs the oxygen status. */
export function inNumericBand(band: NumericBand, value: number, oxygen: boolean | undefined): boolean {
  if (band.min !== undefined && value < band.min) return false;
  if (band.max !== undefined && value > band.max) return false;
  if (band.oxygen !== undefined && band.oxygen !== oxygen) return false;
  return true;
}

export const numericBandsFor = (bands: readonly NumericBand[], value: number, oxygen: boolean | undefined): NumericBand[] =>
  bands.filter((b) => inNumericBand(b, value, oxygen));

export const dependsOnOxygen = (bands: readonly NumericBand[]): boolean => bands.some((b) => b.oxygen !== undefined);

/**
 * Problems with numeric bands over the accepted range: every value on the parameter's grid
 * (10^-decimals steps, on air and on oxygen) must fall in exactly one band.
 */
export function numericCoverageProblems(bands: readonly NumericBand[], accepts: { min: number; max: number }, decimals: number, where: string): string[] {
  const problems: string[] = [];
  for (const b of bands) if (b.min !== undefined && b.max !== undefined && b.min > b.max) problems.push(`${where}: band ${b.min}–${b.max} is empty`);
  const step = 10 ** decimals;
  const from = Math.round(accepts.min * step);
  const to = Math.round(accepts.max * step);
  for (let k = from; k <= to && problems.length < 5; k++) {
    const value = k / step;
    for (const oxygen of [false, true]) {
      const n = numericBandsFor(bands, value, oxygen).length;
      if (n !== 1) problems.push(`${where}: ${value}${oxygen ? ' on oxygen' : ' on air'} falls in ${n} bands`);
    }
  }
  return problems;
}

export function codedCoverageProblems(bands: readonly CodedBand[], codes: readonly string[], where: string): string[] {
  const problems: string[] = [];
  for (const b of bands) for (const c of b.codes) if (!codes.includes(c)) problems.push(`${where}: band code ${c} is not one of ${codes.join(', ')}`);
  for (const c of codes) {
    const n = bands.filter((b) => b.codes.includes(c)).length;
    if (n !== 1) problems.push(`${where}: code ${c} falls in ${n} bands`);
  }
  return problems;
}

export function booleanCoverageProblems(bands: readonly BooleanBand[], where: string): string[] {
  return [false, true].flatMap((v) => {
    const n = bands.filter((b) => b.value === v).length;
    return n === 1 ? [] : [`${where}: ${v} falls in ${n} bands`];
  });
}
