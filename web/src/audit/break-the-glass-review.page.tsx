/** Værdispring til gennemsyn (afdelingsledelse): the unit's break-the-glass accesses with who, when, patient and reason. */
import { getJson } from '../api/api-client.ts';
import type { BreakTheGlassReviewEntry } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorMessage } from '../ui/error-message.tsx';
import { formatDateTime } from '../ui/format.ts';
import { PageHeading, usePageTitle } from '../ui/page.tsx';
import { useResource } from '../ui/use-resource.ts';
import { newestFirst, roleAndUnit } from './audit.helpers.ts';

export function BreakTheGlassReviewPage() {
  const { t, lang } = useI18n();
  usePageTitle(t.review.title);
  const list = useResource(() => getJson<{ entries: BreakTheGlassReviewEntry[] }>('/api/audit/break-the-glass').then((r) => newestFirst(r.entries)), []);
  return (
    <section className="page">
      <PageHeading>{t.review.title}</PageHeading>
      <p>{t.review.intro}</p>
      {list.status === 'loading' && <p className="muted">{t.loading}</p>}
      {list.status === 'error' && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {list.status === 'ok' && list.data.length === 0 && <p>{t.review.empty}</p>}
      {list.status === 'ok' && list.data.length > 0 && (
        <table className="data-table audit-table">
          <caption>{t.review.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.review.columns.when}</th>
              <th scope="col">{t.review.columns.who}</th>
              <th scope="col">{t.review.columns.role}</th>
              <th scope="col">{t.review.columns.patient}</th>
              <th scope="col">{t.review.columns.reason}</th>
              <th scope="col">{t.review.columns.expires}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((entry, i) => (
              <tr key={`${entry.recorded}-${i}`}>
                <td className="nowrap">
                  <time dateTime={entry.recorded}>{formatDateTime(entry.recorded, lang)}</time>
                </td>
                <td className="nowrap">{entry.who}</td>
                <td>{roleAndUnit(entry.role, entry.unit, lang)}</td>
                <td>{entry.patient.name ?? entry.patient.id}</td>
                <td className="reason">{entry.reason}</td>
                <td className="nowrap">{entry.expiresAt ? <time dateTime={entry.expiresAt}>{formatDateTime(entry.expiresAt, lang)}</time> : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
