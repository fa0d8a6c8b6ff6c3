/**
 * Tavle, /app/tavle/:wardId: one live WardBoard in three presentations. `?skaerm=vaeg` is the wall
 * screen (large type, a row per bed, the template's wall columns, legend, no interaction needed;
 * `&offentlig=1` asks the server for initials), the default is the PC list (sortable, "mine
 * patienter", actions), `?skaerm=telefon` the phone (a card per bed, big buttons).
 */
import { useEffect, useId, useState } from 'react';
import type { WardBoard } from '../../../src/logistics/api-types.ts';
import { boardScreenOf, tasksPath, wardBoardPath, type BoardScreen } from '../app/routes.ts';
import { Link, useLocation } from '../app/router.tsx';
import { useMe } from '../auth/session.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorMessage } from '../ui/error-message.tsx';
import { formatTime } from '../ui/format.ts';
import { PageHeading, usePageTitle } from '../ui/page.tsx';
import { useNow } from '../ui/use-now.ts';
import { useBoardActions } from './board.actions.tsx';
import { BoardCell, BoardLegend, columnLabel } from './board.cells.tsx';
import { columnsFor, legendKeys, mineOnly, nextSort, sortRows, sortValue, type BoardSort } from './board.helpers.ts';
import { Icon } from './icons.tsx';
import { CapacitySummary, LiveIndicator } from './logistics.components.tsx';
import { isWardBoard, logisticsPaths } from './logistics.paths.ts';
import { useLiveData } from './use-live.ts';

const BOARD_EVENTS = ['board'] as const;

export function WardBoardPage({ wardId }: { wardId: string }) {
  const { t: all } = useI18n();
  const t = all.logistics;
  const { search } = useLocation();
  const { screen, isPublic } = boardScreenOf(search);
  const live = useLiveData<WardBoard>(logisticsPaths.boardStream(wardId, screen, isPublic), BOARD_EVENTS, isWardBoard);
  const board = live.data;
  const wardName = board?.ward.name ?? '';
  usePageTitle(wardName ? t.board.title(wardName) : t.wards.title);

  return (
    <section className={`page ward-board screen-${screen}`} data-screen={screen}>
      <header className="board-header">
        <PageHeading>{screen === 'wall' ? wardName || t.wards.title : wardName ? t.board.title(wardName) : t.wards.title}</PageHeading>
        {screen === 'wall' && <WallClock />}
        <LiveIndicator status={live.status} generatedAt={board?.generatedAt} />
        {screen === 'wall' && <FullscreenButton />}
      </header>
      {board && <CapacitySummary capacity={board.capacity} className={screen === 'wall' ? 'capacity-wall' : undefined} />}
      {screen !== 'wall' && <ViewSwitch wardId={wardId} screen={screen} />}
      {live.error !== undefined && <ErrorMessage error={live.error} onRetry={live.retry} />}
      {live.error === undefined && !board && <p className="muted">{all.loading}</p>}
      {board && screen === 'wall' && <WallBoard board={board} isPublic={isPublic} />}
      {board && screen === 'list' && <ListBoard board={board} />}
      {board && screen === 'phone' && <PhoneBoard board={board} />}
    </section>
  );
}

function ViewSwitch({ wardId, screen }: { wardId: string; screen: BoardScreen }) {
  const { t } = useI18n();
  const views: [BoardScreen, string][] = [
    ['list', t.logistics.wards.views.list],
    ['wall', t.logistics.wards.views.wall],
    ['phone', t.logistics.wards.views.phone],
  ];
  return (
    <div className="board-tools">
      <nav aria-label={t.logistics.board.viewsNav} className="view-switch">
        <ul>
          {views.map(([s, label]) => (
            <li key={s}>
              <Link to={wardBoardPath(wardId, s)} aria-current={s === screen ? 'page' : undefined}>
                {label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Link to={`${tasksPath('portoer')}&afsnit=${encodeURIComponent(wardId)}`}>{t.logistics.board.serviceTasks}</Link>
    </div>
  );
}

function WallClock() {
  const now = useNow(1000);
  return (
    <p className="wall-clock">
      <time dateTime={new Date(now).toISOString()}>{formatTime(new Date(now))}</time>
    </p>
  );
}

function FullscreenButton() {
  const { t } = useI18n();
  const [full, setFull] = useState(() => document.fullscreenElement !== null);
  useEffect(() => {
    const change = () => setFull(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', change);
    return () => document.removeEventListener('fullscreenchange', change);
  }, []);
  if (!document.fullscreenEnabled) return null;
  const toggle = () => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    else void document.documentElement.requestFullscreen().catch(() => undefined);
  };
  return (
    <button type="button" className="button-secondary fullscreen-button" onClick={toggle}>
      <Icon name="fullscreen" />
      {full ? t.logistics.board.exitFullscreen : t.logistics.board.fullscreen}
    </button>
  );
}

/** The wall screen: a row per bed, large type, the legend of the symbols in use. Nothing to click. */
function WallBoard({ board, isPublic }: { board: WardBoard; isPublic: boolean }) {
  const { t: all, lang } = useI18n();
  const t = all.logistics;
  const columns = columnsFor(board, 'wall');
  const hasWhereabouts = columns.some((c) => c.id === 'whereabouts');
  return (
    <>
      {isPublic && <p className="public-note">{t.board.publicNote}</p>}
      <table className="board-table wall-table" data-testid="board-table">
        <caption className="visually-hidden">{t.board.caption(board.ward.name)}</caption>
        <thead>
          <tr>
            {columns.map(({ column, id }) => (
              <th key={id} scope="col" className={`col-${id}`}>
                {columnLabel(column?.label, id, lang, t)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {board.rows.map((row) => (
            <tr key={row.key} data-row={row.key} className={row.patient ? undefined : 'row-empty'}>
              {columns.map(({ id }) =>
                id === 'bed' ? (
                  <th key={id} scope="row" className={`col-${id}`}>
                    <BoardCell column={id} row={row} screen="wall" legend={board.template.legend} whereaboutsColumn={hasWhereabouts} />
                  </th>
                ) : (
                  <td key={id} className={`col-${id}`}>
                    <BoardCell column={id} row={row} screen="wall" legend={board.template.legend} />
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {board.rows.length === 0 && <p>{t.board.empty}</p>}
      <BoardLegend
        keys={legendKeys(
          board.rows,
          columns.map((c) => c.id),
        )}
        template={board.template}
      />
    </>
  );
}

function MineToggle({ mine, setMine }: { mine: boolean; setMine(v: boolean): void }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <p className="mine-toggle">
      <input id={id} type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} />
      <label htmlFor={id}>{t.logistics.board.mine}</label>
    </p>
  );
}

/** The PC list: sortable columns (buttons in the headers, aria-sort), "mine patienter", actions per row. */
function ListBoard({ board }: { board: WardBoard }) {
  const { t: all, lang } = useI18n();
  const t = all.logistics;
  const me = useMe();
  const [sort, setSort] = useState<BoardSort | undefined>(undefined);
  const [mine, setMine] = useState(false);
  const actions = useBoardActions(board);
  const columns = columnsFor(board, 'list');
  const hasWhereabouts = columns.some((c) => c.id === 'whereabouts');
  const rows = sortRows(mine ? mineOnly(board.rows, me) : board.rows, sort, lang);
  const captionId = useId();
  return (
    <>
      <MineToggle mine={mine} setMine={setMine} />
      {actions.feedback}
      <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className="data-table board-table list-table" data-testid="board-table">
          <caption id={captionId}>{t.board.caption(board.ward.name)}</caption>
          <thead>
            <tr>
              {columns.map(({ column, id }) => {
                const sorted = sort?.column === id ? sort.direction : undefined;
                return (
                  <th key={id} scope="col" aria-sort={sorted ?? undefined} className={`col-${id}`}>
                    <button type="button" className="sort-button" onClick={() => setSort(nextSort(sort, id))}>
                      {columnLabel(column?.label, id, lang, t)}
                      <span className="sort-mark" aria-hidden="true">
                        {sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : '↕'}
                      </span>
                    </button>
                  </th>
                );
              })}
              <th scope="col">{t.board.actions}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} data-row={row.key} className={row.patient ? undefined : 'row-empty'}>
                {columns.map(({ id }) =>
                  id === 'bed' ? (
                    <th key={id} scope="row" className={`col-${id}`}>
                      <BoardCell column={id} row={row} screen="list" legend={board.template.legend} whereaboutsColumn={hasWhereabouts} />
                    </th>
                  ) : (
                    <td key={id} className={`col-${id}`}>
                      <BoardCell column={id} row={row} screen="list" legend={board.template.legend} />
                    </td>
                  ),
                )}
                <td>{actions.buttons(row)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 && <p>{mine ? t.board.mineEmpty : t.board.empty}</p>}
      {actions.dialog}
    </>
  );
}

/** The phone: a card per bed or patient, the phone columns as a description list, big buttons. */
function PhoneBoard({ board }: { board: WardBoard }) {
  const { t: all, lang } = useI18n();
  const t = all.logistics;
  const me = useMe();
  const [mine, setMine] = useState(false);
  const actions = useBoardActions(board);
  const phoneColumns = columnsFor(board, 'phone');
  const hasWhereabouts = phoneColumns.some((c) => c.id === 'whereabouts');
  const columns = phoneColumns.filter((c) => c.id !== 'bed' && c.id !== 'patient');
  const rows = mine ? mineOnly(board.rows, me) : board.rows;
  return (
    <>
      <MineToggle mine={mine} setMine={setMine} />
      {actions.feedback}
      <ul className="board-cards" data-testid="board-cards">
        {rows.map((row) => (
          <li key={row.key} data-row={row.key}>
            <article className={`board-card${row.patient ? '' : ' row-empty'}`} aria-labelledby={`card-${row.key}`}>
              <h2 id={`card-${row.key}`}>
                <BoardCell column="bed" row={row} screen="phone" legend={board.template.legend} whereaboutsColumn={hasWhereabouts} />
                {row.patient && (
                  <span className="card-patient">
                    <BoardCell column="patient" row={row} screen="phone" legend={board.template.legend} />
                  </span>
                )}
              </h2>
              <dl>
                {columns
                  .filter(({ id }) => sortValue(row, id) !== undefined)
                  .map(({ column, id }) => (
                    <div key={id}>
                      <dt>{columnLabel(column?.label, id, lang, t)}</dt>
                      <dd>
                        <BoardCell column={id} row={row} screen="phone" legend={board.template.legend} />
                      </dd>
                    </div>
                  ))}
              </dl>
              {actions.buttons(row)}
            </article>
          </li>
        ))}
      </ul>
      {rows.length === 0 && <p>{mine ? t.board.mineEmpty : t.board.empty}</p>}
      {actions.dialog}
    </>
  );
}
