/** Renders a history page as a Bundle of type history, by string concatenation. @see https://hl7.org/fhir/R4/http.html#history */
import type { HistoryPage } from '../repository/index.ts';

export function historyBundleJson(
  page: HistoryPage,
  baseUrl: string,
  path: string,
  query: [string, string][],
  params: { count: number; offset: number },
): string {
  const link = (offset: number) => {
    const q = new URLSearchParams(query.filter(([k]) => k !== '_offset'));
    if (offset > 0) q.set('_offset', String(offset));
    const s = q.toString();
    return `${baseUrl}/${path}${s ? `?${s}` : ''}`;
  };
  const links = [`{"relation":"self","url":${JSON.stringify(link(params.offset))}}`];
  if (page.hasMore) links.push(`{"relation":"next","url":${JSON.stringify(link(params.offset + params.count))}}`);
  if (params.offset > 0) links.push(`{"relation":"previous","url":${JSON.stringify(link(Math.max(0, params.offset - params.count)))}}`);
  const entries = page.versions.map((v) => {
    const fullUrl = JSON.stringify(`${baseUrl}/${v.type}/${v.id}`);
    const request = v.deleted
      ? `{"method":"DELETE","url":${JSON.stringify(`${v.type}/${v.id}`)}}`
      : v.versionId === 1
        ? `{"method":"POST","url":${JSON.stringify(v.type)}}`
        : `{"method":"PUT","url":${JSON.stringify(`${v.type}/${v.id}`)}}`;
    const status = v.deleted ? '204' : v.versionId === 1 ? '201' : '200';
    const response = `{"status":"${status}","etag":"W/\\"${v.versionId}\\"","lastModified":${JSON.stringify(v.lastUpdated)}}`;
    const resource = v.json ? `"resource":${v.json},` : '';
    return `{"fullUrl":${fullUrl},${resource}"request":${request},"response":${response}}`;
  });
  const total = page.total !== undefined ? `"total":${page.total},` : '';
  return `{"resourceType":"Bundle","type":"history",${total}"link":[${links.join(',')}],"entry":[${entries.join(',')}]}`;
}
