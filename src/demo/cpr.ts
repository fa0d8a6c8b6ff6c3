/**
 * Fictitious Danish CPR numbers for demo patients.
 *
 * A CPR number is DDMMYY-SSSS: birth date, then a 4-digit serial whose first digit (the 7th
 * digit) gives the century together with YY, and whose last digit is odd for men, even for women.
 * Century rule (CPR-kontoret): 7th digit 0–3 → 1900–1999; 4 or 9 → 2000–2036 when YY ≤ 36,
 * else 1937–1999; 5–8 → 2000–2057 when YY ≤ 57, else 1858–1899.
 *
 * Until 2007 every issued number satisfied the modulus-11 check (weights 4,3,2,7,6,5,4,3,2,1;
 * the weighted sum divisible by 11). Since 2007 numbers without it have been issued, but only
 * for people born from 2007 and for a few crowded birth dates (the CPR office's list consists of
 * 1 January dates). So the demo numbers are made so they can never belong to a real person:
 *   1. the birth date is between 1930 and 2005 and never 1 January;
 *   2. the number FAILS the modulus-11 check;
 *   3. the 7th digit and the sex digit are still consistent with birth year and gender;
 *   4. the resource carries meta.tag urn:kerne:demo|synthetic (see demo-meta.ts).
 */
import type { Random } from './random.ts';

const WEIGHTS = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1] as const;

/** True when the 10 digits satisfy the modulus-11 check. */
export function satisfiesModulus11(cpr: string): boolean {
  const digits = cpr.replace('-', '');
  if (!/^\d{10}$/.test(digits)) return false;
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(digits[i]), 0);
  return sum % 11 === 0;
}

/** The full birth year a CPR number's YY and 7th digit stand for. */
export function birthYearOf(yy: number, seventh: number): number {
  if (seventh <= 3) return 1900 + yy;
  if (seventh === 4 || seventh === 9) return yy <= 36 ? 2000 + yy : 1900 + yy;
  return yy <= 57 ? 2000 + yy : 1800 + yy;
}

/** The 7th digits that are consistent with a birth year. */
export function seventhDigitsFor(year: number): number[] {
  return [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter((d) => birthYearOf(year % 100, d) === year);
}

/** The birth date (YYYY-MM-DD) a CPR number encodes. */
export function birthDateOf(cpr: string): string {
  const d = cpr.replace('-', '');
  const year = birthYearOf(Number(d.slice(4, 6)), Number(d[6]));
  return `${year}-${d.slice(2, 4)}-${d.slice(0, 2)}`;
}

export function genderOf(cpr: string): 'male' | 'female' {
  return Number(cpr.at(-1)) % 2 === 1 ? 'male' : 'female';
}

/** A fictitious CPR number (10 digits, no hyphen) for a birth date (YYYY-MM-DD) and gender; see the rule above. */
export function fictitiousCpr(birthDate: string, gender: 'male' | 'female', rnd: Random): string {
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  if (year < 1930 || year > 2005 || (month === 1 && day === 1)) {
    throw new Error(`Demo CPR numbers need a birth date in 1930–2005 other than 1 January, not ${birthDate}`);
  }
  const date = `${String(day).padStart(2, '0')}${String(month).padStart(2, '0')}${String(year % 100).padStart(2, '0')}`;
  const sevenths = seventhDigitsFor(year);
  for (;;) {
    const last = rnd.int(0, 4) * 2 + (gender === 'male' ? 1 : 0);
    const cpr = `${date}${rnd.pick(sevenths)}${rnd.int(0, 99).toString().padStart(2, '0')}${last}`;
    if (!satisfiesModulus11(cpr)) return cpr;
  }
}
