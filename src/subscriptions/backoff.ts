/** Exponential back-off with a little jitter for rest-hook retries: base · 2^(attempt-1), capped, +0–10 %. */
export interface BackoffOptions {
  readonly baseMs: number;
  readonly maxMs: number;
}

export function backoffDelay(attempt: number, o: BackoffOptions): number {
  const raw = Math.min(o.maxMs, o.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(raw * (1 + Math.random() * 0.1));
}
