/**
 * The emergency board's pure logic: running clocks from arrival, each regional deadline's state at
 * a given moment (the screen passes the browser's clock every second), activity status words,
 * the order of rows and the KPI strip.
 */
import type { EdActivity, EdBoard, EdRow, EdTimer } from '../../../src/logistics/api-types.ts';
import type { Triage } from '../../../src/logistics/model.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** A duration as a clock: 7:05, 42:07, 1:02:07 (never negative). */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

export type TimerState =
  | { readonly kind: 'met'; readonly at: string }
  | { readonly kind: 'late'; readonly at: string; readonly overdueMs: number }
  | { readonly kind: 'running'; readonly remainingMs: number }
  | { readonly kind: 'breached'; readonly overdueMs: number };

/**
 * A deadline at `now`: met (done in time), late (done after the deadline), running (not done,
 * time left) or breached (not done, deadline passed). The server's `breached` (judged at
 * generatedAt) also counts, so a screen whose clock is a little behind still shows the breach.
 */
export function timerState(timer: EdTimer, now: number): TimerState {
  const deadline = Date.parse(timer.deadline);
  if (timer.doneAt) {
    const done = Date.parse(timer.doneAt);
    return done > deadline || timer.breached ? { kind: 'late', at: timer.doneAt, overdueMs: Math.max(0, done - deadline) } : { kind: 'met', at: timer.doneAt };
  }
  if (now >= deadline || timer.breached) return { kind: 'breached', overdueMs: Math.max(0, now - deadline) };
  return { kind: 'running', remainingMs: deadline - now };
}

export const isBreached = (timer: EdTimer, now: number): boolean => {
  const s = timerState(timer, now);
  return s.kind === 'breached' || s.kind === 'late';
};

/** The word for an activity on the process line: Afventer / I gang / Afsluttet / Aflyst. */
export function activityPhase(status: EdActivity['status']): 'waiting' | 'in-progress' | 'done' | 'cancelled' {
  switch (status) {
    case 'in-progress':
      return 'in-progress';
    case 'completed':
      return 'done';
    case 'cancelled':
    case 'rejected':
      return 'cancelled';
    default:
      return 'waiting';
  }
}

/** The buttons of an activity: start while waiting, done while waiting or going. */
export function activityButtons(status: EdActivity['status']): ('start' | 'complete')[] {
  const phase = activityPhase(status);
  if (phase === 'waiting') return ['start', 'complete'];
  if (phase === 'in-progress') return ['complete'];
  return [];
}

/** DEPT order: red is the most urgent; untriaged patients come first (they must be triaged). */
export const TRIAGE_ORDER: readonly Triage[] = ['roed', 'orange', 'gul', 'groen', 'blaa'];
const triageRank = (t: Triage | undefined) => (t === undefined ? -1 : TRIAGE_ORDER.indexOf(t));

/** Untriaged first, then by triage level, then who came first; finished contacts last. */
export function sortEdRows(rows: readonly EdRow[]): EdRow[] {
  return [...rows].sort(
    (a, b) => Number(a.status === 'done') - Number(b.status === 'done') || triageRank(a.triage) - triageRank(b.triage) || Date.parse(a.arrived) - Date.parse(b.arrived),
  );
}

/** A KPI as the strip shows it: whole per cent, and whether the goal is met (no contacts: not judged). */
export function kpiView(kpi: EdBoard['kpis'][number]): { percent: number; goalPercent: number; ok: boolean | undefined } {
  return { percent: Math.round(kpi.share * 100), goalPercent: Math.round(kpi.goal * 100), ok: kpi.total === 0 ? undefined : kpi.share >= kpi.goal };
}
