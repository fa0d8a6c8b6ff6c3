/** Danish texts of the chart's Overblik (the overview with citations) and its "Spørg journalen" box: the shape overview.en.ts follows. */
const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** The units an item's age is told in (web/src/overview/overview.helpers.ts). */
export type AgeUnit = 'minutes' | 'hours' | 'days' | 'months' | 'years';

const DA_UNITS: Record<AgeUnit, (n: number) => string> = {
  minutes: (n) => plural(n, 'minut', 'minutter'),
  hours: (n) => plural(n, 'time', 'timer'),
  days: (n) => plural(n, 'dag', 'dage'),
  months: (n) => plural(n, 'måned', 'måneder'),
  years: (n) => plural(n, 'år', 'år'),
};

export const overviewDa = {
  loading: 'Henter overblikket …',
  intro: 'Et overblik fra journalens data og notater. Hvert udsagn har sin kilde: vælg et tal i kantet parentes for at se den.',
  lastOpened: (when: string) => `Nyt siden du sidst åbnede overblikket (${when}) er mærket »Ny«.`,
  firstVisit: 'Første gang du åbner overblikket for patienten.',
  /** The sections by id: used when the server's Danish heading is to be shown in another language. */
  sectionTitles: {
    allergies: 'Allergier og CAVE',
    medication: 'Aktuel medicin',
    problems: 'Aktive problemer',
    vitals: 'Seneste vitale værdier',
    recentEvents: 'Seneste forløb',
    pendingResults: 'Afventende svar',
    newSinceLastVisit: 'Nyt siden sidst',
  } as Record<string, string>,
  age: {
    now: 'lige nu',
    today: 'i dag',
    past: (n: number, unit: AgeUnit) => `for ${n} ${DA_UNITS[unit](n)} siden`,
    future: (n: number, unit: AgeUnit) => `om ${n} ${DA_UNITS[unit](n)}`,
  },
  assertions: {
    negated: 'afkræftet',
    uncertain: 'mistanke',
    historical: 'tidligere',
    family: 'familie',
    hypothetical: 'hypotetisk',
  } as Record<string, string>,
  assertionHint: 'Fundet i et notat, ikke en fastslået kendsgerning',
  isNew: 'Ny',
  isNewHint: 'siden du sidst åbnede overblikket',
  origin: { structured: 'Strukturerede data', text: 'Fra notat' },
  citationsLabel: 'Kilder',
  citation: (n: number) => `Kilde ${n}`,
  viewerClose: 'Luk kilden',
  ask: {
    title: 'Spørg journalen',
    label: 'Dit spørgsmål',
    hint: 'Fx »Har patienten haft feber?« Svaret bygger kun på journalens tekst og viser sine kilder.',
    submit: 'Spørg',
    asking: 'Søger svar i journalen …',
    problems: {
      empty: 'Skriv dit spørgsmål.',
      'too-short': 'Skriv mindst 3 tegn.',
      'too-long': 'Skriv højst 300 tegn.',
    },
    answerTitle: 'Svar',
    verdictLabel: 'Svar',
    verdicts: { yes: 'Ja', no: 'Nej', 'not-found': 'Ikke fundet i journalen' },
    generated: 'AI-genereret – verificér mod kilder',
    extractive: 'Uddrag fra journalen',
    dropped: (n: number) => `${n} udsagn blev fjernet, da de ikke kunne verificeres`,
    model: (provider: string, id: string) => `Model: ${id} (${provider})`,
    fallback: (reason: string) => `Sprogmodellen blev ikke brugt: ${reason}`,
    actionsLabel: 'Handlinger for svaret',
    copy: 'Kopiér svar',
    copied: 'Svaret er kopieret med kildenumre',
    copyFailed: 'Kunne ikke kopiere – markér teksten og kopiér den selv',
    markWrong: 'Markér som forkert',
    markedWrong: 'Tak – markeret som forkert',
    markWrongFailed: 'Kunne ikke markere svaret som forkert – prøv igen',
  },
};
