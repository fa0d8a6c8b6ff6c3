/** Vitale værdier, /app/vitaler: the wards the user may see (the logistics ward list), the user's own first, each a link to its validation screen. */
import type { WardSummary } from '../../../src/logistics/api-types.ts';
import { wardVitalsPath } from '../app/routes.ts';
import { Link } from '../app/router.tsx';
import { useMe } from '../auth/session.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { getWards } from '../logistics/logistics.api.ts';
import { ErrorMessage } from '../ui/error-message.tsx';
import { PageHeading, usePageTitle } from '../ui/page.tsx';
import { useResource } from '../ui/use-resource.ts';

const bareId = (ref: string | undefined) => (ref ?? '').replace(/^Organization\//, '');

export function VitalsWardPickerPage() {
  const { t: all } = useI18n();
  const t = all.vitals.picker;
  usePageTitle(t.title);
  const me = useMe();
  const wards = useResource(() => getWards(), []);
  const myUnits = new Set(me.memberships.map((m) => bareId(m.unit)).filter(Boolean));
  const isMine = (w: WardSummary) => w.unitId !== undefined && myUnits.has(bareId(w.unitId));
  const list = wards.status === 'ok' ? [...wards.data.wards].sort((a, b) => Number(isMine(b)) - Number(isMine(a))) : [];

  return (
    <section className="page">
      <PageHeading>{t.title}</PageHeading>
      <p>{t.intro}</p>
      {wards.status === 'loading' && <p className="muted">{all.loading}</p>}
      {wards.status === 'error' && <ErrorMessage error={wards.error} onRetry={wards.reload} />}
      {wards.status === 'ok' && list.length === 0 && <p>{t.empty}</p>}
      {list.length > 0 && (
        <table className="data-table ward-table">
          <caption>{t.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.columns.ward}</th>
              <th scope="col">{t.columns.unit}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((w) => (
              <tr key={w.id}>
                <th scope="row">
                  <Link to={wardVitalsPath(w.id)}>{w.name}</Link> {isMine(w) && <span className="badge badge-mine">{t.yours}</span>}
                </th>
                <td>{w.unitName ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
