/**
 * Shared pieces of the logistics screens: status and triage chips (Okabe–Ito colours, always with
 * an icon and a word, never colour alone), the live indicator, the capacity numbers, and the
 * feedback line after an action (the one polite live region of a screen; stream updates are not announced).
 */
import { useCallback, useState, type ReactNode } from 'react';
import type { BedStatus, TaskStatus, Triage, WardCapacity } from '../../../src/logistics/model.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorMessage } from '../ui/error-message.tsx';
import { formatTime } from '../ui/format.ts';
import { Icon, type IconName } from './icons.tsx';
import type { LiveStatus } from './live-stream.ts';
import { BED_TONE, STATUS_TONE, TRIAGE_LEVEL, TRIAGE_TONE, type Tone } from './tones.ts';

/** A coloured chip: icon + text; the colour class picks an Okabe–Ito background with a contrasting text colour. */
export function Chip({ icon, tone, children, className }: { icon?: IconName; tone: Tone; children: ReactNode; className?: string }) {
  return (
    <span className={`chip tone-${tone}${className ? ` ${className}` : ''}`}>
      {icon && <Icon name={icon} />}
      <span>{children}</span>
    </span>
  );
}


export function TaskStatusChip({ status }: { status: TaskStatus }) {
  const { t } = useI18n();
  return (
    <Chip icon={status} tone={STATUS_TONE[status]}>
      {t.logistics.taskStatus[status]}
    </Chip>
  );
}


/** Danish DEPT triage colours on Okabe–Ito hues, with the colour's name as text. */
export function TriageChip({ level }: { level: Triage | undefined }) {
  const { t } = useI18n();
  if (!level) return <Chip tone="none">{t.logistics.noTriage}</Chip>;
  return (
    <Chip tone={TRIAGE_TONE[level]} className="triage-chip">
      <span className="triage-level" aria-hidden="true">
        {TRIAGE_LEVEL[level]}
      </span>
      {t.logistics.triage[level]}
    </Chip>
  );
}


export function BedStatusChip({ status }: { status: BedStatus }) {
  const { t } = useI18n();
  return (
    <Chip icon={status} tone={BED_TONE[status]}>
      {t.logistics.bedStatus[status]}
    </Chip>
  );
}

/** "Live" or "Forbindelse afbrudt – genopretter …"; a status region that speaks only when the connection changes. */
export function LiveIndicator({ status, generatedAt }: { status: LiveStatus; generatedAt?: string }) {
  const { t } = useI18n();
  const ok = status === 'live';
  return (
    <p className="live-line">
      <span role="status" className={`live-indicator ${ok ? 'is-live' : 'is-down'}`} data-testid="live-indicator">
        <Icon name={ok ? 'live' : 'offline'} />
        {t.logistics.live[status]}
      </span>
      {generatedAt && <span className="muted live-updated">{t.logistics.live.updated(formatTime(generatedAt))}</span>}
    </p>
  );
}

const CAPACITY_KEYS = ['occupied', 'free', 'cleaning', 'blocked', 'incoming'] as const;

/** Belagt, ledige, rengøring, spærret, på vej: big numbers with icon and word. */
export function CapacitySummary({ capacity, className }: { capacity: WardCapacity; className?: string }) {
  const { t } = useI18n();
  return (
    <dl className={`capacity${className ? ` ${className}` : ''}`} data-testid="capacity">
      {CAPACITY_KEYS.map((key) => (
        <div key={key} className={`capacity-item capacity-${key}`}>
          <dt>
            <Icon name={key} />
            {t.logistics.capacity[key]}
          </dt>
          <dd>{capacity[key]}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Runs an action (a POST) and keeps its outcome: a short confirmation in the page's one polite
 * status region, or the error as an alert.
 */
export function useAction(): {
  readonly busy: boolean;
  readonly message: string;
  readonly error: unknown;
  run<R>(action: () => Promise<R>, done: (result: R) => string): Promise<boolean>;
  clearError(): void;
} {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async <R,>(action: () => Promise<R>, done: (result: R) => string) => {
    setBusy(true);
    setError(null);
    setMessage('');
    try {
      const result = await action();
      setMessage(done(result));
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  const clearError = useCallback(() => setError(null), []);
  return { busy, message, error, run, clearError };
}

/** The action feedback: the status line (always in the page, so screen readers pick up changes) and an error alert. */
export function ActionFeedback({ message, error }: { message: string; error: unknown }) {
  return (
    <>
      <p role="status" className="action-status">
        {message}
      </p>
      {error !== null && error !== undefined && <ErrorMessage error={error} />}
    </>
  );
}
