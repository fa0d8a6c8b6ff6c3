/** Sengeoversigt, /app/senge: occupancy of every ward the user may see, with hospital totals, live from /api/logistics/beds/stream. */
import type { BedOverview } from '../../../src/logistics/api-types.ts';
import type { WardCapacity } from '../../../src/logistics/model.ts';
import { wardBoardPath } from '../app/routes.ts';
import { Link } from '../app/router.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorMessage } from '../ui/error-message.tsx';
import { PageHeading, usePageTitle } from '../ui/page.tsx';
import { Icon, type IconName } from './icons.tsx';
import { LiveIndicator } from './logistics.components.tsx';
import { isBedOverview, logisticsPaths } from './logistics.paths.ts';
import { useLiveData } from './use-live.ts';

type Count = Exclude<keyof WardCapacity, 'wardId' | 'wardName' | 'unitId'>;
const COLUMNS: readonly (readonly [Count, IconName | undefined])[] = [
  ['beds', undefined],
  ['occupied', 'occupied'],
  ['free', 'free'],
  ['cleaning', 'cleaning'],
  ['blocked', 'blocked'],
  ['incoming', 'incoming'],
  ['counted', undefined],
  ['notCounted', undefined],
];

const BED_EVENTS = ['beds'] as const;

export function BedOverviewPage() {
  const { t: all } = useI18n();
  const t = all.logistics;
  usePageTitle(t.beds.title);
  const live = useLiveData<BedOverview>(logisticsPaths.bedsStream(), BED_EVENTS, isBedOverview);
  const data = live.data;
  return (
    <section className="page bed-overview">
      <header className="board-header">
        <PageHeading>{t.beds.title}</PageHeading>
        <LiveIndicator status={live.status} generatedAt={data?.generatedAt} />
      </header>
      <p>{t.beds.intro}</p>
      {live.error !== undefined && <ErrorMessage error={live.error} onRetry={live.retry} />}
      {live.error === undefined && !data && <p className="muted">{all.loading}</p>}
      {data && data.wards.length === 0 && <p>{t.beds.empty}</p>}
      {data && data.wards.length > 0 && (
        <table className="data-table numbers-table" data-testid="bed-table">
          <caption>{t.beds.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.beds.ward}</th>
              {COLUMNS.map(([key, icon]) => (
                <th key={key} scope="col" className="num">
                  {icon && <Icon name={icon} />}
                  {t.capacity[key]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.wards.map((w) => (
              <tr key={w.wardId} data-ward={w.wardId}>
                <th scope="row">
                  <Link to={wardBoardPath(w.wardId)}>{w.wardName}</Link>
                </th>
                {COLUMNS.map(([key]) => (
                  <td key={key} className="num">
                    {w[key]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t.beds.total}</th>
              {COLUMNS.map(([key]) => (
                <td key={key} className="num">
                  {data.totals[key]}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}
