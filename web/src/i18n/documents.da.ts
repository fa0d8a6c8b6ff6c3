/** Danish texts of the document archive (the chart's Dokumenter module): the shape documents.en.ts follows. */
import { CATEGORY_DISPLAY } from '../../../src/documents/api-types.ts';

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export const documentsDa = {
  categories: CATEGORY_DISPLAY,
  filterLabel: 'Vis kategori',
  allCategories: 'Alle kategorier',
  listLabel: 'Patientens dokumenter',
  loading: 'Henter dokumenter …',
  count: (n: number) => (n === 0 ? 'Ingen dokumenter.' : `${n} ${plural(n, 'dokument', 'dokumenter')}, nyeste først.`),
  columns: { title: 'Titel', category: 'Kategori', date: 'Dato', author: 'Forfatter', file: 'Fil', text: 'Søgbar tekst' },
  noAuthor: 'Ukendt',
  uncategorised: 'Uden kategori',
  textStatus: { extracted: 'Ja', none: 'Nej', failed: 'Tekst kunne ikke udtrækkes' },
  view: 'Vis',
  viewLabel: (title: string) => `Vis ${title}`,
  upload: {
    title: 'Tilføj dokument',
    file: 'Fil',
    fileHint: 'PDF, JPEG, PNG eller tekstfil, højst 20 MB. Teksten i en PDF kan søges i journalen.',
    docTitle: 'Titel',
    category: 'Kategori',
    chooseCategory: 'Vælg kategori',
    date: 'Dokumentets dato (valgfri)',
    submit: 'Gem dokument',
    sending: 'Gemmer …',
    saved: (title: string) => `»${title}« er gemt.`,
    problems: {
      noFile: 'Vælg en fil.',
      emptyFile: 'Filen er tom.',
      tooLarge: 'Filen er større end 20 MB.',
      wrongType: 'Kun PDF, JPEG, PNG og tekstfiler kan gemmes.',
      noTitle: 'Skriv en titel.',
      titleTooLong: 'Titlen må højst være 200 tegn.',
      noCategory: 'Vælg en kategori.',
    },
    serverProblem: 'Serveren afviste dokumentet:',
  },
  viewer: {
    title: (title: string) => `Dokument: ${title}`,
    frameTitle: (title: string) => `Indholdet af ${title}`,
    loading: 'Henter dokumentet …',
    close: 'Luk dokumentet',
    openInTab: 'Åbn i nyt faneblad',
  },
};
