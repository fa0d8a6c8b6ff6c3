/** Colour-blind-safe (Okabe–Ito) colours for statuses and triage, always with a symbol and words. @see https://jfly.uni-koeln.de/color/ @see https://www.w3.org/TR/WCAG21/#use-of-color */
import type { BedStatus, TaskStatus, Triage } from '../model.ts';
import type { EwsRisk } from './early-warning.ts';

export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/** A status as shown: background colour, text colour on it (contrast ≥ 4.5:1), a symbol, and the words. */
export interface Swatch {
  readonly colour: string;
  readonly textColour: string;
  readonly symbol: string;
  readonly da: string;
  readonly en: string;
}

const on = (colour: string, textColour: string, symbol: string, da: string, en: string): Swatch => ({ colour, textColour, symbol, da, en });
const { black, orange, skyBlue, bluishGreen, yellow, blue, vermillion, reddishPurple } = OKABE_ITO;
const WHITE = '#FFFFFF';

export const TASK_STATUS_SWATCHES: Readonly<Record<TaskStatus, Swatch>> = {
  requested: on(yellow, black, '○', 'Afventer', 'Waiting'),
  accepted: on(skyBlue, black, '◔', 'Accepteret', 'Accepted'),
  'in-progress': on(blue, WHITE, '◑', 'I gang', 'In progress'),
  completed: on(bluishGreen, black, '●', 'Afsluttet', 'Completed'),
  cancelled: on(reddishPurple, black, '⊘', 'Aflyst', 'Cancelled'),
  rejected: on(vermillion, black, '✕', 'Afvist', 'Rejected'),
};

export const BED_STATUS_SWATCHES: Readonly<Record<BedStatus, Swatch>> = {
  free: on(bluishGreen, black, '□', 'Ledig', 'Free'),
  occupied: on(blue, WHITE, '■', 'Optaget', 'Occupied'),
  cleaning: on(yellow, black, '◇', 'Rengøres', 'Being cleaned'),
  blocked: on(black, WHITE, '⊠', 'Spærret', 'Blocked'),
};

/** Danish triage (DEPT) levels; the symbol is the level number, 1 most urgent. */
export const TRIAGE_SWATCHES: Readonly<Record<Triage, Swatch & { readonly level: number }>> = {
  roed: { ...on(vermillion, black, '1', 'Rød', 'Red'), level: 1 },
  orange: { ...on(orange, black, '2', 'Orange', 'Orange'), level: 2 },
  gul: { ...on(yellow, black, '3', 'Gul', 'Yellow'), level: 3 },
  groen: { ...on(bluishGreen, black, '4', 'Grøn', 'Green'), level: 4 },
  blaa: { ...on(blue, WHITE, '5', 'Blå', 'Blue'), level: 5 },
};

export const EWS_RISK_SWATCHES: Readonly<Record<EwsRisk, Swatch>> = {
  low: on(bluishGreen, black, '▁', 'Lav risiko', 'Low risk'),
  'low-medium': on(yellow, black, '▃', 'Lav-middel risiko', 'Low-medium risk'),
  medium: on(orange, black, '▅', 'Middel risiko', 'Medium risk'),
  high: on(vermillion, black, '▇', 'Høj risiko', 'High risk'),
};

/** WCAG 2.1 contrast ratio of two #RRGGBB colours (for tests and for sites that bring their own colours). */
export function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string): number => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
