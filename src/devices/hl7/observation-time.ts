// Chooses and checks the time of an observation: OBX-14, else a parent device row's OBX-14, else OBR-7, else MSH-7 (IHE PCD TF-2 OBX-14/OBR-7; devices.md §5).
import { clockCheck, parseHl7Time, type ClockLimits } from './hl7-time.ts';

export type TimeSource = 'OBX-14' | 'OBR-7' | 'MSH-7' | 'received';

export interface TimeCandidate {
  readonly source: Exclude<TimeSource, 'received'>;
  readonly text?: string;
  /** The OBX-14 came from an ancestor device row (MDS/VMD/channel), not the row itself. */
  readonly inherited?: boolean;
}

export interface ResolvedTime {
  readonly observedAt: string;
  readonly timeSource: TimeSource;
  /** `no-offset`, `dst-gap`, `dst-overlap`, `future`, `stale`, `time-from-parent`, `unparseable-OBX-14` … */
  readonly timeFlags: string[];
  /** Why the time cannot be trusted (unparseable, absent, or in the future); undefined when it can. */
  readonly badTime?: string;
}

export interface TimeOptions {
  readonly senderTimeZone: string;
  readonly receivedAt: Date;
  readonly clockLimits?: ClockLimits;
}

/** The first candidate that parses, with flags for everything suspicious along the way. */
export function resolveObservationTime(candidates: readonly TimeCandidate[], options: TimeOptions): ResolvedTime {
  const flags: string[] = [];
  const unparseable: string[] = [];
  for (const candidate of candidates) {
    const text = candidate.text?.trim() ?? '';
    if (text === '') continue;
    const parsed = parseHl7Time(text, options.senderTimeZone);
    if (!parsed) {
      flags.push(`unparseable-${candidate.source}`);
      unparseable.push(`${candidate.source} '${text}'`);
      continue;
    }
    if (candidate.inherited) flags.push('time-from-parent');
    if (!parsed.hadOffset) flags.push('no-offset');
    if (parsed.ambiguous) flags.push(parsed.ambiguous);
    const clock = clockCheck(parsed.instant, options.receivedAt, options.clockLimits);
    if (clock) flags.push(clock);
    const badTime =
      unparseable.length > 0
        ? `unparseable time ${unparseable.join(', ')}; used ${candidate.source}`
        : clock === 'future'
          ? `observation time ${parsed.instant} lies after receipt ${options.receivedAt.toISOString()}`
          : undefined;
    return { observedAt: parsed.instant, timeSource: candidate.source, timeFlags: flags, ...(badTime ? { badTime } : {}) };
  }
  flags.push('no-time');
  const why = unparseable.length ? `unparseable time ${unparseable.join(', ')}` : 'no observation time in OBX-14, OBR-7 or MSH-7';
  return { observedAt: options.receivedAt.toISOString(), timeSource: 'received', timeFlags: flags, badTime: `${why}; receipt time used` };
}
