/** Min log (patient users): who looked at or changed my record, when, in which role and unit; break-the-glass highlighted with its reason. */
import { getJson } from '../api/api-client.ts';
import type { MyAuditEntry } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorMessage } from '../ui/error-message.tsx';
import { formatDateTime } from '../ui/format.ts';
import { PageHeading, usePageTitle } from '../ui/page.tsx';
import { useResource } from '../ui/use-resource.ts';
import { newestFirst, roleAndUnit } from './audit.helpers.ts';

export function MyLogPage() {
  const { t, lang } = useI18n();
  usePageTitle(t.myLog.title);
  const log = useResource(() => getJson<{ entries: MyAuditEntry[] }>('/api/audit/mine').then((r) => newestFirst(r.entries)), []);
  return (
    <section className="page">
      <PageHeading>{t.myLog.title}</PageHeading>
      <p>{t.myLog.intro}</p>
      {log.status === 'loading' && <p className="muted">{t.loading}</p>}
      {log.status === 'error' && <ErrorMessage error={log.error} onRetry={log.reload} />}
      {log.status === 'ok' && log.data.length === 0 && <p>{t.myLog.empty}</p>}
      {log.status === 'ok' && log.data.length > 0 && (
        <table className="data-table audit-table">
          <caption>{t.myLog.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.myLog.columns.when}</th>
              <th scope="col">{t.myLog.columns.who}</th>
              <th scope="col">{t.myLog.columns.roleUnit}</th>
              <th scope="col">{t.myLog.columns.what}</th>
            </tr>
          </thead>
          <tbody>
            {log.data.map((entry, i) => (
              <tr key={`${entry.recorded}-${i}`} className={entry.breakTheGlass ? 'break-the-glass' : undefined}>
                <td className="nowrap">
                  <time dateTime={entry.recorded}>{formatDateTime(entry.recorded, lang)}</time>
                </td>
                <td className="nowrap">{entry.who}</td>
                <td>{roleAndUnit(entry.role, entry.unit, lang)}</td>
                <td>
                  {entry.breakTheGlass && <strong className="badge badge-btg">{t.myLog.breakTheGlass}</strong>}{' '}
                  {entry.action !== 'break-the-glass' || !entry.breakTheGlass ? (t.myLog.actions[entry.action] ?? entry.action) : null}
                  {entry.breakTheGlass && entry.reason && (
                    <span className="reason">
                      {t.myLog.reason}: {entry.reason}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
