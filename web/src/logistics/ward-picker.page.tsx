/** Tavler, /app/tavle: the wards the user may see, the user's own first, each with its list, wall, public wall and phone views. */
import type { WardSummary } from '../../../src/logistics/api-types.ts';
import { wardBoardPath } from '../app/routes.ts';
import { Link } from '../app/router.tsx';
import { useMe } from '../auth/session.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorMessage } from '../ui/error-message.tsx';
import { PageHeading, usePageTitle } from '../ui/page.tsx';
import { useResource } from '../ui/use-resource.ts';
import { getWards } from './logistics.api.ts';

/** The unit ids of the user's memberships, as bare ids ('Organization/med1' → 'med1'). */
const bareId = (ref: string | undefined) => (ref ?? '').replace(/^Organization\//, '');

export function WardPickerPage() {
  const { t: all } = useI18n();
  const t = all.logistics.wards;
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
              <th scope="col">{t.columns.views}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((w) => (
              <tr key={w.id}>
                <th scope="row">
                  <Link to={wardBoardPath(w.id)}>{w.name}</Link>{' '}
                  {isMine(w) && <span className="badge badge-mine">{t.yours}</span>}{' '}
                  {w.kind === 'emergency' && <span className="badge badge-neutral">{t.emergency}</span>}
                </th>
                <td>{w.unitName ?? ''}</td>
                <td>
                  <ul className="inline-links">
                    {(
                      [
                        [wardBoardPath(w.id, 'wall'), t.views.wall],
                        [wardBoardPath(w.id, 'wall', true), t.views.wallPublic],
                        [wardBoardPath(w.id, 'phone'), t.views.phone],
                      ] as const
                    ).map(([to, label]) => (
                      <li key={to}>
                        <Link to={to}>
                          {label}
                          <span className="visually-hidden"> – {w.name}</span>
                        </Link>
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
