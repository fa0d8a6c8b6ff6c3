/**
 * The text of a PDF, with unpdf (PDF.js): all pages merged, within a time limit, a page limit and a
 * length limit. A broken or encrypted PDF gives no text (the document is still archived, flagged).
 * @see https://github.com/unjs/unpdf
 */
import { extractText, getDocumentProxy } from 'unpdf';

export interface PdfTextLimits {
  /** Give up after this long (the PDF is then archived without text). */
  readonly timeoutMs: number;
  /** Read at most this many pages. */
  readonly maxPages: number;
  /** Keep at most this many characters of text. */
  readonly maxChars: number;
}

export const PDF_TEXT_LIMITS: PdfTextLimits = { timeoutMs: 15_000, maxPages: 500, maxChars: 2_000_000 };

export type PdfText = { readonly ok: true; readonly text: string; readonly pages: number } | { readonly ok: false; readonly reason: string };

/** Runs of spaces and blank lines tidied; empty when the PDF has no text layer (a scan). */
const tidy = (text: string) => text.replace(/[ \t\u00A0]+/g, ' ').replace(/ *\n */g, '\n').replace(/\n{3,}/g, '\n\n').trim();

export async function extractPdfText(bytes: Uint8Array, limits: PdfTextLimits = PDF_TEXT_LIMITS): Promise<PdfText> {
  let timer: NodeJS.Timeout | undefined;
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>> | undefined;
  const timeout = new Promise<PdfText>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: `timed out after ${limits.timeoutMs} ms` }), limits.timeoutMs);
  });
  const work = (async (): Promise<PdfText> => {
    // A copy: PDF.js may take over (detach) the buffer it is given.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, stopAtErrors: false });
    if (pdf.numPages > limits.maxPages) return { ok: false, reason: `more than ${limits.maxPages} pages` };
    const { text, totalPages } = await extractText(pdf, { mergePages: true });
    return { ok: true, text: tidy(text).slice(0, limits.maxChars), pages: totalPages };
  })().catch((err: unknown): PdfText => ({ ok: false, reason: err instanceof Error ? `${err.name}: ${err.message}` : String(err) }));
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
    // After a timeout the work goes on until PDF.js yields: the document is freed when it does.
    void work.finally(() => pdf?.loadingTask.destroy().catch(() => {}));
  }
}
