/** "Nyt siden sidst": the patient's resources created or changed since this user last opened the overview, newest first (none the first time). */
import type { OverviewItem } from '../api-types.ts';
import { resourceCitation } from './cite.ts';
import { newestFirst } from './dates.ts';
import { describeResource } from './describe-resource.ts';
import type { OverviewInput } from './overview-input.ts';

export const MAX_NEW_ITEMS = 30;

export function buildNewSinceLastVisit(input: OverviewInput): OverviewItem[] {
  if (!input.lastOpened) return [];
  const since = Date.parse(input.lastOpened);
  const changed = input.changedSinceLastVisit.filter((r) => r.id && r.meta?.versionId && Date.parse(r.meta.lastUpdated ?? '') > since);
  return newestFirst(changed, (r) => r.meta?.lastUpdated).slice(0, MAX_NEW_ITEMS).map((r) => ({
    text: `${r.meta?.versionId === '1' ? 'Ny' : 'Ændret'} ${describeResource(r).replace(/^./u, (c) => c.toLocaleLowerCase('da'))}`,
    date: r.meta!.lastUpdated!,
    origin: 'structured' as const,
    citations: [resourceCitation(r)],
    isNew: true,
  }));
}
