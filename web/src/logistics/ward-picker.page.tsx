/**
 * Tavler, /app/tavle: the wards the user may see, the user's own first, each with its list, wall, public wall and phone views.
 * `WardPicker` is the list itself, shared with Vitale værdier (/app/vitaler, ../vitals/vitals-ward-picker.page.tsx).
 */
import type { ReactNode } from 'react';
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

/** The words of a ward picker (logistics.wards and vitals.picker in the i18n files have this shape). */
export interface WardPickerTexts {
  readonly title: string;
  readonly intro: string;
  readonly caption: string;
  readonly columns: { readonly ward: string; readonly unit: string };
  readonly yours: string;
  readonly empty: string;
}

/**
 * A page listing the wards the user may see (GET /api/logistics/wards), the user's own first and
 * marked, each name a link to `wardPath(id)`. `badges` adds to the name cell; `extraColumn` a column.
 */
export function WardPicker({
  texts: t,
  wardPath,
  badges,
  extraColumn,
}: {
  texts: WardPickerTexts;
  wardPath(wardId: string): string;
  badges?(ward: WardSummary): ReactNode;
  extraColumn?: { readonly heading: string; cell(ward: WardSummary): ReactNode };
}) {
  const { t: all } = useI18n();
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
              {extraColumn && <th scope="col">{extraColumn.heading}</th>}
            </tr>
          </thead>
          <tbody>
            {list.map((w) => (
              <tr key={w.id}>
                <th scope="row">
                  <Link to={wardPath(w.id)}>{w.name}</Link>{' '}
                  {isMine(w) && <span className="badge badge-mine">{t.yours}</span>}
                  {badges?.(w)}
                </th>
                <td>{w.unitName ?? ''}</td>
                {extraColumn && <td>{extraColumn.cell(w)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function WardPickerPage() {
  const { t: all } = useI18n();
  const t = all.logistics.wards;
  return (
    <WardPicker
      texts={t}
      wardPath={(id) => wardBoardPath(id)}
      badges={(w) =>
        w.kind === 'emergency' && (
          <>
            {' '}
            <span className="badge badge-neutral">{t.emergency}</span>
          </>
        )
      }
      extraColumn={{
        heading: t.columns.views,
        cell: (w) => (
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
        ),
      }}
    />
  );
}
