// Safe 1-based access to HL7 v2 fields, repetitions, components and subcomponents on @medplum/core's Hl7Segment, with escape handling (HL7 v2.6 §2.7).
import type { Hl7Context, Hl7Segment } from '@medplum/core';

/** Raw text of field `n` (MSH-1 is the field separator, as in HL7 numbering); '' when absent. */
export function fieldText(segment: Hl7Segment, n: number): string {
  if (segment.name === 'MSH' && n <= 2) return n === 1 ? segment.context.fieldSeparator : segment.context.getMsh2();
  // @medplum/core keeps MSH-1 out of `fields`, so MSH-n sits at index n-1; other segments at index n.
  const field = segment.fields[segment.name === 'MSH' ? n - 1 : n] as { toString(): string } | undefined;
  return field ? field.toString() : '';
}

/** The repetitions of field `n` as raw text, empty ones dropped. */
export function repetitions(segment: Hl7Segment, n: number): string[] {
  const raw = fieldText(segment, n);
  if (raw === '') return [];
  return raw.split(segment.context.repetitionSeparator).filter((r) => r !== '');
}

/** Component `c` (1-based) of repetition `rep` (1-based) of field `n`, unescaped; '' when absent. */
export function component(segment: Hl7Segment, n: number, c: number, rep = 1): string {
  const raw = rawComponent(segment, n, c, rep);
  return unescapeHl7(raw, segment.context);
}

/** Subcomponent `s` (1-based) of component `c` of field `n` (first repetition), unescaped. */
export function subcomponent(segment: Hl7Segment, n: number, c: number, s: number): string {
  const raw = rawComponent(segment, n, c, 1).split(segment.context.subcomponentSeparator)[s - 1] ?? '';
  return unescapeHl7(raw, segment.context);
}

/** Components of one raw field or repetition text, unescaped and without subcomponent splitting. */
export function splitComponents(raw: string, context: Hl7Context): string[] {
  return raw.split(context.componentSeparator).map((part) => unescapeHl7(part, context));
}

function rawComponent(segment: Hl7Segment, n: number, c: number, rep: number): string {
  const repText = fieldText(segment, n).split(segment.context.repetitionSeparator)[rep - 1] ?? '';
  return repText.split(segment.context.componentSeparator)[c - 1] ?? '';
}

/** Replaces \F\ \S\ \T\ \R\ \E\ and \X..\ hex escapes; other escapes (formatting) are dropped. */
export function unescapeHl7(text: string, context: Hl7Context): string {
  const esc = context.escapeCharacter;
  if (!esc || !text.includes(esc)) return text;
  const re = new RegExp(`${escapeRegExp(esc)}([^${escapeRegExp(esc)}]*)${escapeRegExp(esc)}`, 'g');
  return text.replace(re, (_match, body: string) => {
    switch (body) {
      case 'F':
        return context.fieldSeparator;
      case 'S':
        return context.componentSeparator;
      case 'T':
        return context.subcomponentSeparator;
      case 'R':
        return context.repetitionSeparator;
      case 'E':
        return esc;
      default:
        if (/^X([0-9A-Fa-f]{2})+$/.test(body)) return Buffer.from(body.slice(1), 'hex').toString('latin1');
        return '';
    }
  });
}

/** Escapes the delimiters in free text so it can be written into one component. */
export function escapeHl7(text: string, context: Hl7Context): string {
  const map: [string, string][] = [
    [context.escapeCharacter, 'E'],
    [context.fieldSeparator, 'F'],
    [context.componentSeparator, 'S'],
    [context.subcomponentSeparator, 'T'],
    [context.repetitionSeparator, 'R'],
  ];
  let out = '';
  for (const ch of text.replace(/[\r\n]+/g, ' ')) {
    const hit = map.find(([d]) => d === ch);
    out += hit ? `${context.escapeCharacter}${hit[1]}${context.escapeCharacter}` : ch;
  }
  return out;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
