/**
 * Vital signs of simulated monitored patients over time (pure, seeded): stable patients wander
 * around their own baseline; a deteriorating patient drifts towards sepsis-like values over a ramp,
 * so the early-warning score climbs through its bands.
 */

export interface SimulatedVitals {
  readonly heartRate: number;
  readonly respiratoryRate: number;
  readonly spo2: number;
  readonly systolic: number;
  readonly diastolic: number;
  readonly temperature: number;
}

export interface PatientCourse {
  readonly bed: number;
  readonly deteriorates: boolean;
  /** The vitals `elapsedMs` after the start. */
  at(elapsedMs: number): SimulatedVitals;
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEPSIS: SimulatedVitals = { heartRate: 128, respiratoryRate: 27, spo2: 90, systolic: 92, diastolic: 50, temperature: 39.2 };
const round = (v: number, decimals = 0) => Math.round(v * 10 ** decimals) / 10 ** decimals;

/** Every `deteriorateEvery`-th bed (the 3rd, 8th, …) deteriorates over `rampMinutes`. */
export function patientCourse(bed: number, options: { seed?: number; deteriorateEvery?: number; rampMinutes?: number } = {}): PatientCourse {
  const rnd = random((options.seed ?? 2208) * 7919 + bed);
  const baseline: SimulatedVitals = {
    heartRate: 62 + rnd() * 24,
    respiratoryRate: 13 + rnd() * 5,
    spo2: 95.5 + rnd() * 3.5,
    systolic: 115 + rnd() * 25,
    diastolic: 65 + rnd() * 15,
    temperature: 36.4 + rnd() * 1.1,
  };
  const every = options.deteriorateEvery ?? 5;
  const deteriorates = every > 0 && bed % every === 3 % every;
  const rampMs = (options.rampMinutes ?? 10) * 60_000;
  return {
    bed,
    deteriorates,
    at(elapsedMs) {
      const progress = deteriorates ? Math.min(1, Math.max(0, elapsedMs / rampMs)) : 0;
      const noise = (size: number) => (rnd() - 0.5) * 2 * size;
      const value = (k: keyof SimulatedVitals, size: number) => baseline[k] + (SEPSIS[k] - baseline[k]) * progress + noise(size);
      return {
        heartRate: round(value('heartRate', 3)),
        respiratoryRate: round(value('respiratoryRate', 1)),
        spo2: Math.min(100, round(value('spo2', 0.7))),
        systolic: round(value('systolic', 4)),
        diastolic: round(value('diastolic', 3)),
        temperature: round(value('temperature', 0.05), 1),
      };
    },
  };
}
