/**
 * @module Writes a note's plain text section by section ("Anamnese:\n…") and records the
 * code-point span of every planted phrase as it goes, so spans never need a search afterwards.
 */
import type { Span } from './record-truth.ts';

/** The note headers, in the order they appear in a note. */
export const HEADERS = ['Epikrise', 'Anamnese', 'CAVE', 'Objektivt', 'Paraklinik', 'Konklusion', 'Plan', 'Medicin'] as const;
export type Header = (typeof HEADERS)[number];

export interface NoteSection {
  readonly title: Header;
  readonly body: string;
}

/** Code points in a string (UTF-16 length minus the second half of each surrogate pair). */
export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) n--;
  }
  return n;
}

/** The text between code points start (included) and end (excluded). */
export function sliceCodePoints(text: string, [start, end]: Span): string {
  return Array.from(text).slice(start, end).join('');
}

/** The separators of the canonical note text; noteText (note-text.ts) rebuilds the same string. */
export const SECTION_SEPARATOR = '\n\n';
export const titleLine = (title: Header) => `${title}:\n`;

/**
 * Collects sections; within a section, `line` starts a new line and `sentence` continues it.
 * `fact` appends a sentence with a planted phrase and returns the phrase's span in the whole text.
 */
export class NoteWriter {
  private readonly sections: { title: Header; parts: string[] }[] = [];
  private length = 0;
  private lineOpen = false;

  section(title: Header): this {
    const head = (this.sections.length ? SECTION_SEPARATOR : '') + titleLine(title);
    this.length += codePointLength(head);
    this.sections.push({ title, parts: [] });
    this.lineOpen = false;
    return this;
  }

  /** A sentence, continuing the current line. */
  sentence(text: string): this {
    this.push(this.lineOpen ? ` ${text}` : text);
    this.lineOpen = true;
    return this;
  }

  /** Starts a new line in the section. */
  line(text: string): this {
    return this.newLine().sentence(text);
  }

  /** Ends the current line (the next sentence or fact starts a new one). */
  newLine(): this {
    if (this.current().parts.length) this.push('\n');
    this.lineOpen = false;
    return this;
  }

  /** A sentence `before + phrase + after` on the current line; returns the span of phrase. */
  fact(before: string, phrase: string, after: string): Span {
    if (this.lineOpen) this.push(' ');
    this.push(before);
    const start = this.length;
    this.push(phrase);
    const end = this.length;
    this.push(after);
    this.lineOpen = true;
    return [start, end];
  }

  build(): { sections: NoteSection[]; text: string } {
    const sections = this.sections.map((s) => ({ title: s.title, body: s.parts.join('') }));
    return { sections, text: sections.map((s) => titleLine(s.title) + s.body).join(SECTION_SEPARATOR) };
  }

  private current() {
    const s = this.sections.at(-1);
    if (!s) throw new Error('NoteWriter: start a section first');
    return s;
  }

  private push(s: string) {
    this.current().parts.push(s);
    this.length += codePointLength(s);
  }
}
