/**
 * Which Okabe–Ito colour each status, bed state, early-warning risk and triage level gets, as the
 * server's palette (src/logistics/domain/palette.ts) has them; the CSS classes `tone-<name>` pair
 * each colour with a text colour of contrast ≥ 4.5:1. Pure.
 * @see https://jfly.uni-koeln.de/color/
 */
import type { BedStatus, TaskStatus, Triage } from '../../../src/logistics/model.ts';

export type Tone = 'yellow' | 'sky' | 'blue' | 'green' | 'purple' | 'vermillion' | 'orange' | 'black' | 'none';

export const STATUS_TONE: Record<TaskStatus, Tone> = {
  requested: 'yellow',
  accepted: 'sky',
  'in-progress': 'blue',
  completed: 'green',
  cancelled: 'purple',
  rejected: 'vermillion',
};
export const BED_TONE: Record<BedStatus, Tone> = { free: 'green', occupied: 'blue', cleaning: 'yellow', blocked: 'black' };
export const TRIAGE_TONE: Record<Triage, Tone> = { roed: 'vermillion', orange: 'orange', gul: 'yellow', groen: 'green', blaa: 'blue' };
export const EWS_TONE: Record<string, Tone> = { low: 'green', 'low-medium': 'yellow', medium: 'orange', high: 'vermillion' };
/** DEPT level number shown beside the colour's name (1 most urgent). */
export const TRIAGE_LEVEL: Record<Triage, number> = { roed: 1, orange: 2, gul: 3, groen: 4, blaa: 5 };
