/** English texts of the document archive: the same keys as documents.da.ts. */
import type { documentsDa } from './documents.da.ts';

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export const documentsEn: typeof documentsDa = {
  categories: {
    epikrise: 'Discharge summary',
    'brev-fra-egen-laege': 'Letter from the GP',
    billeddiagnostik: 'Diagnostic imaging',
    samtykke: 'Consent',
    'scannet-dokument': 'Scanned document',
    andet: 'Other',
  },
  filterLabel: 'Show category',
  allCategories: 'All categories',
  listLabel: 'The patient’s documents',
  loading: 'Loading documents …',
  count: (n: number) => (n === 0 ? 'No documents.' : `${n} ${plural(n, 'document', 'documents')}, newest first.`),
  columns: { title: 'Title', category: 'Category', date: 'Date', author: 'Author', file: 'File', text: 'Searchable text' },
  noAuthor: 'Unknown',
  uncategorised: 'No category',
  textStatus: { extracted: 'Yes', none: 'No', failed: 'Text could not be extracted' },
  view: 'View',
  viewLabel: (title: string) => `View ${title}`,
  upload: {
    title: 'Add a document',
    file: 'File',
    fileHint: 'PDF, JPEG, PNG or a text file, at most 20 MB. The text of a PDF can be searched in the record.',
    docTitle: 'Title',
    category: 'Category',
    chooseCategory: 'Choose a category',
    date: 'Date of the document (optional)',
    submit: 'Save document',
    sending: 'Saving …',
    saved: (title: string) => `“${title}” is saved.`,
    problems: {
      noFile: 'Choose a file.',
      emptyFile: 'The file is empty.',
      tooLarge: 'The file is larger than 20 MB.',
      wrongType: 'Only PDF, JPEG, PNG and text files can be saved.',
      noTitle: 'Type a title.',
      titleTooLong: 'The title may be at most 200 characters.',
      noCategory: 'Choose a category.',
    },
    serverProblem: 'The server refused the document:',
  },
  viewer: {
    title: (title: string) => `Document: ${title}`,
    frameTitle: (title: string) => `The content of ${title}`,
    loading: 'Loading the document …',
    close: 'Close the document',
    openInTab: 'Open in a new tab',
  },
};
