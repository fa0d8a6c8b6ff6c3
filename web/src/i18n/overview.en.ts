/** English texts of the chart's overview and its "Ask the record" box: the same keys as overview.da.ts. */
import type { AgeUnit, overviewDa } from './overview.da.ts';

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

const EN_UNITS: Record<AgeUnit, (n: number) => string> = {
  minutes: (n) => plural(n, 'minute', 'minutes'),
  hours: (n) => plural(n, 'hour', 'hours'),
  days: (n) => plural(n, 'day', 'days'),
  months: (n) => plural(n, 'month', 'months'),
  years: (n) => plural(n, 'year', 'years'),
};

export const overviewEn: typeof overviewDa = {
  loading: 'Loading the overview …',
  intro: 'An overview from the record’s data and notes. Every statement has its source: choose a number in brackets to see it.',
  lastOpened: (when: string) => `What is new since you last opened the overview (${when}) is marked “New”.`,
  firstVisit: 'The first time you open the overview for this patient.',
  sectionTitles: {
    allergies: 'Allergies and warnings',
    medication: 'Current medication',
    problems: 'Active problems',
    vitals: 'Latest vital signs',
    recentEvents: 'Recent course',
    pendingResults: 'Pending results',
    newSinceLastVisit: 'New since last visit',
  },
  age: {
    now: 'just now',
    today: 'today',
    past: (n, unit) => `${n} ${EN_UNITS[unit](n)} ago`,
    future: (n, unit) => `in ${n} ${EN_UNITS[unit](n)}`,
  },
  assertions: {
    negated: 'ruled out',
    uncertain: 'suspected',
    historical: 'previous',
    family: 'family',
    hypothetical: 'hypothetical',
  },
  assertionHint: 'Found in a note, not an established fact',
  isNew: 'New',
  isNewHint: 'since you last opened the overview',
  origin: { structured: 'Structured data', text: 'From a note' },
  citationsLabel: 'Sources',
  citation: (n: number) => `Source ${n}`,
  viewerClose: 'Close the source',
  ask: {
    title: 'Ask the record',
    label: 'Your question',
    hint: 'E.g. “Has the patient had a fever?” The answer rests on the record’s text only and shows its sources.',
    submit: 'Ask',
    asking: 'Looking for an answer in the record …',
    problems: {
      empty: 'Type your question.',
      'too-short': 'Type at least 3 characters.',
      'too-long': 'Type at most 300 characters.',
    },
    answerTitle: 'Answer',
    verdictLabel: 'Answer',
    verdicts: { yes: 'Yes', no: 'No', 'not-found': 'Not found in the record' },
    generated: 'AI-generated – verify against the sources',
    extractive: 'Excerpts from the record',
    dropped: (n: number) => `${n} ${plural(n, 'statement was', 'statements were')} removed because they could not be verified`,
    model: (provider: string, id: string) => `Model: ${id} (${provider})`,
    fallback: (reason: string) => `The language model was not used: ${reason}`,
    actionsLabel: 'Actions on the answer',
    copy: 'Copy answer',
    copied: 'The answer was copied with its source numbers',
    copyFailed: 'Could not copy – select the text and copy it yourself',
    markWrong: 'Mark as wrong',
    markedWrong: 'Thank you – marked as wrong',
    markWrongFailed: 'Could not mark the answer as wrong – try again',
  },
};
