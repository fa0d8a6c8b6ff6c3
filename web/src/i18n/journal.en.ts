/** English texts of the journal search: the same keys as journal.da.ts. */
import type { journalDa } from './journal.da.ts';

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export const journalEn: typeof journalDa = {
  searchTitle: 'Search the record',
  label: 'Search the record',
  hint: 'Words or a phrase from notes, discharge summaries, results and letters, e.g. “no fever”. 2–200 characters.',
  submit: 'Search',
  problems: {
    empty: 'Type what you are looking for.',
    'too-short': 'Type at least 2 characters.',
    'too-long': 'Type at most 200 characters.',
  },
  searching: 'Searching the record …',
  notFound: 'Not found in the record',
  found: (n: number, query: string) => `${n} ${plural(n, 'match', 'matches')} for “${query}”, best first`,
  limited: (n: number) => `Showing the ${n} best matches. Make the search more precise to find others.`,
  resultsLabel: 'Matches in the record',
  phrase: 'Whole phrase',
  open: 'Show the source',
  sourceTitle: 'Source',
  sourceIntro: 'The passage with the matched words marked.',
  sourceFields: {
    kind: 'Type',
    section: 'Section',
    date: 'Date',
    reference: 'Source',
    version: 'Version',
  },
  close: 'Close the source',
  noSection: 'No heading',
  breakTheGlass: 'Break the glass',
  viewer: {
    title: (title: string) => `Source: ${title}`,
    loading: 'Loading the source …',
    fullText: 'The whole source',
    fullTextHint: 'The cited passage is marked.',
    stale: 'The source has changed since – the citation is out of date',
    invalid: 'The cited passage does not match the source’s text and cannot be marked.',
    noText: 'The source has no text.',
    fields: {
      kind: 'Type',
      date: 'Date',
      author: 'Author',
      status: 'Status',
      reference: 'Source',
      version: 'Version',
    },
    versionNow: (shown: string, current: string) => `${shown} (now version ${current})`,
  },
};
