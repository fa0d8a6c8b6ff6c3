/**
 * Eskaleringer, /app/eskalering (doctors): GET /api/vitals/escalations every 10 s; emergency
 * first, with patient, score, age, respond-by (overdue in words and icon) and "Kvittér"
 * (POST /api/vitals/escalations/:taskId/acknowledge).
 */
import type { EscalationView } from '../../../src/vitals/api-types.ts';
import { isDoctor } from '../app/navigation.ts';
import { useMe } from '../auth/session.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ActionFeedback, useAction } from '../logistics/logistics.components.tsx';
import { ErrorMessage } from '../ui/error-message.tsx';
import { formatTime } from '../ui/format.ts';
import { PageHeading, usePageTitle } from '../ui/page.tsx';
import { useNow } from '../ui/use-now.ts';
import { usePoll } from './use-poll.ts';
import { getEscalations } from './vitals.api.ts';
import { acknowledgeWith, EscalationTable } from './vitals.components.tsx';
import { sortEscalations } from './vitals.helpers.ts';

export function EscalationsPage() {
  const { t: all } = useI18n();
  const t = all.vitals.escalations;
  usePageTitle(t.title);
  const me = useMe();
  const poll = usePoll(() => getEscalations(), []);
  const action = useAction();
  const now = useNow(30_000);
  const list = poll.data ? sortEscalations(poll.data.escalations) : [];

  const acknowledge = acknowledgeWith(action, poll.reload, t.done, (updated) => {
    if (poll.data) poll.set({ ...poll.data, escalations: poll.data.escalations.map((x) => (x.id === updated.id ? updated : x)) });
  });

  return (
    <section className="page escalations-page">
      <header className="board-header">
        <PageHeading>{t.title}</PageHeading>
        {poll.data && <p className="muted live-updated">{all.vitals.ward.updated(formatTime(poll.data.generatedAt))}</p>}
      </header>
      {poll.error !== undefined && <ErrorMessage error={poll.error} onRetry={() => void poll.reload()} />}
      {!poll.data && poll.error === undefined && <p className="muted">{all.loading}</p>}
      <ActionFeedback message={action.message} error={action.error} />
      {poll.data && list.length === 0 && <p>{t.none}</p>}
      {list.length > 0 && (
        <EscalationTable escalations={list} now={now} caption={t.caption} canAcknowledge={isDoctor(me)} busy={action.busy} onAcknowledge={acknowledge} />
      )}
    </section>
  );
}
