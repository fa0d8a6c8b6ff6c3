/**
 * "Allergier og CAVE" (journal-ai.md §4): AllergyIntolerance first (entered-in-error and inactive
 * left out, refuted and unconfirmed labelled, the coded "no known allergy" as NKA), then CAVE and
 * allergy passages of the notes read with ConText (a negated "ingen kendte allergier" is NKA, never
 * an allergy; family and hypothetical mentions are left out). A structured NKA next to a note naming
 * an allergy, or the reverse, is shown as a conflict on both items.
 */
import type { AllergyIntolerance } from '@medplum/fhirtypes';
import type { JournalAssertion, JournalCitation, OverviewItem } from '../api-types.ts';
import { assessContext, codePointLength, type Passage } from '../text/index.ts';
import { resourceCitation, spanCitation } from './cite.ts';
import { danishDate, latest, newestFirst } from './dates.ts';
import { capitalise, codeOf, conceptText } from './fhir-text.ts';
import type { OverviewInput, TextDocument } from './overview-input.ts';

/** SNOMED CT "no known …allergy" situations (IPS absent/unknown allergies). */
export const NO_KNOWN_ALLERGY_CODES: ReadonlySet<string> = new Set(['716186003', '409137002', '428607008', '429625007', '428197003']);

const NKA_TEXT = /^(?:ingen|ikke|intet|nka|nkda)\b[^.]*\b(?:allergi|overfølsom)|^(?:nka|nkda)\b|^ingen kendte\b/iu;
const ALLERGY_WORD = /\p{L}*(?:allergi|allergisk|overfølsom)\p{L}*/iu;
/** A document that may state an allergy (a CAVE header, an allergy word); others are not segmented. */
const ALLERGY_DOCUMENT = /cave|allergi|overfølsom/iu;
const CAVE_INLINE = /(?:^|\s)CAVE[:\s]+(?=\p{L})/u;

interface Mention {
  readonly doc: TextDocument;
  readonly passage: Passage;
  readonly substance: string;
  readonly text: string;
  readonly assertion: JournalAssertion;
  readonly start: number;
  readonly end: number;
}

const key = (s: string) => s.toLocaleLowerCase('da').replace(/[^\p{L}\p{N} ]/gu, '').trim();
const sameSubstance = (a: string, b: string) => {
  const [x, y] = [key(a), key(b)];
  return x !== '' && y !== '' && (x.includes(y) || y.includes(x));
};

/** The allergy statement of a passage (CAVE section, "CAVE x", or an allergy word), or undefined. */
export function allergyMention(doc: TextDocument, passage: Passage): Mention | undefined {
  const inCave = passage.section === 'CAVE';
  const word = ALLERGY_WORD.exec(passage.text);
  const inline = CAVE_INLINE.exec(passage.text);
  if (!inCave && !word && !inline) return undefined;
  // The statement after a leading "CAVE", in code points of the passage.
  const lead = inline && inline.index === 0 ? inline[0].length : 0;
  const content = passage.text.slice(lead).replace(/[.\s]+$/u, '');
  if (!/\p{L}/u.test(content)) return undefined;
  const start = passage.start + codePointLength(passage.text.slice(0, lead));
  const end = start + codePointLength(content);
  if (NKA_TEXT.test(content) && !/\bfor\s+\p{L}/u.test(content)) return { doc, passage, substance: '', text: content, assertion: 'negated', start, end };
  // Its substance: "penicillinallergi" → penicillin; "allergi over for x" → x; a CAVE line up to its parenthesis.
  const compound = /(\p{L}{3,})(?:allergi|overfølsomhed)/iu.exec(content);
  const over = /(?:allergi\p{L}*|allergisk|overfølsom\p{L}*)\s+(?:over\s+)?for\s+([^,.;()]+)/iu.exec(content);
  const substance = (over?.[1] ?? compound?.[1] ?? content.split(/[(,;:]| men /u)[0] ?? content).trim();
  // Context of the allergy word (or of the substance on a CAVE line).
  const anchor = word ? { at: passage.text.indexOf(word[0]), length: word[0].length } : { at: lead, length: Math.max(1, substance.length) };
  const anchorStart = passage.start + codePointLength(passage.text.slice(0, anchor.at));
  const ctx = assessContext(passage, { start: anchorStart, end: anchorStart + codePointLength(passage.text.slice(anchor.at, anchor.at + anchor.length)) });
  if (ctx.family || ctx.hypothetical) return undefined;
  const assertion: JournalAssertion = ctx.negated ? 'negated' : ctx.uncertain ? 'uncertain' : ctx.historical ? 'historical' : 'present';
  return { doc, passage, substance, text: content, assertion, start, end };
}

function structuredItem(a: AllergyIntolerance): OverviewItem | undefined {
  const verification = codeOf(a.verificationStatus);
  const clinical = codeOf(a.clinicalStatus);
  if (verification === 'entered-in-error' || clinical === 'inactive' || clinical === 'resolved') return undefined;
  const date = latest(a.recordedDate, a.onsetDateTime);
  const base = { origin: 'structured' as const, citations: [resourceCitation(a)], ...(date ? { date } : {}) };
  if ((a.code?.coding ?? []).some((c) => c.code && NO_KNOWN_ALLERGY_CODES.has(c.code))) return { ...base, text: 'Ingen kendte allergier', flags: ['NKA'] };
  const substance = conceptText(a.code) ?? 'Ukendt stof';
  const reaction = (a.reaction ?? []).flatMap((r) => r.manifestation.map(conceptText)).filter(Boolean).join(', ');
  const flags = [...(a.criticality === 'high' ? ['Høj kritikalitet'] : [])];
  const text = `${capitalise(substance)}${reaction ? ` (${reaction.toLocaleLowerCase('da')})` : ''}`;
  if (verification === 'refuted') return { ...base, text, assertion: 'negated', flags: [...flags, 'Afkræftet'] };
  if (verification === 'unconfirmed' || verification === 'presumed') return { ...base, text, assertion: 'uncertain', flags: [...flags, 'Ikke bekræftet'] };
  return { ...base, text, assertion: 'present', ...(flags.length ? { flags } : {}) };
}

const isNka = (item: OverviewItem) => item.flags?.includes('NKA') ?? false;

export function buildAllergies(input: OverviewInput): OverviewItem[] {
  const structured = newestFirst(input.allergies, (a) => a.recordedDate).map((a) => ({ resource: a, item: structuredItem(a) })).filter((x) => x.item);
  const items: OverviewItem[] = structured.map((x) => x.item!);
  const mentions: Mention[] = [];
  for (const doc of newestFirst(input.documents.filter((d) => ALLERGY_DOCUMENT.test(d.text)), (d) => d.recorded)) for (const p of doc.passages) {
    const m = allergyMention(doc, p);
    if (m) mentions.push(m);
  }
  const cite = (m: Mention): JournalCitation => spanCitation(m.doc, m.start, m.end);
  // Notes that repeat a structured allergy add their latest mention as a second source.
  const textItems: OverviewItem[] = [];
  let textNka: Mention | undefined;
  const seen = new Set<string>();
  for (const m of mentions) {
    if (m.assertion === 'negated' && m.substance === '') {
      textNka ??= m;
      continue;
    }
    const match = items.findIndex((it) => !isNka(it) && it.origin === 'structured' && sameSubstance(it.text.split(' (')[0]!, m.substance));
    if (match >= 0) {
      const it = items[match]!;
      if (!it.citations.some((c) => c.kind === 'span')) items[match] = { ...it, citations: [...it.citations, cite(m)] };
      continue;
    }
    const k = `${key(m.substance)}|${m.assertion}`;
    if (seen.has(k) || [...seen].some((s) => s.endsWith(`|${m.assertion}`) && sameSubstance(s.split('|')[0]!, m.substance))) continue;
    seen.add(k);
    textItems.push({ text: capitalise(m.text), date: m.doc.recorded, origin: 'text', citations: [cite(m)], assertion: m.assertion });
  }
  let all = [...items, ...textItems];
  const nkaIndex = all.findIndex(isNka);
  if (textNka) {
    if (nkaIndex >= 0) all[nkaIndex] = { ...all[nkaIndex]!, citations: [...all[nkaIndex]!.citations, cite(textNka)] };
    else all.push({ text: 'Ingen kendte allergier', date: textNka.doc.recorded, origin: 'text', citations: [cite(textNka)], flags: ['NKA'] });
  }
  // Conflicts: NKA beside an allergy stated as present.
  const present = all.filter((it) => !isNka(it) && it.assertion === 'present');
  const nka = all.find(isNka);
  if (nka && present.length) {
    const nkaSource = nka.origin === 'structured' ? 'strukturerede data' : `notat ${danishDate(nka.date ?? input.now.toISOString())}`;
    all = all.map((it) => {
      if (it === nka) return { ...it, flags: [...(it.flags ?? []), ...present.map((p) => `Konflikt: ${p.text.split(' (')[0]} ${p.origin === 'text' ? `i notat ${danishDate(p.date!)}` : 'registreret'}`)] };
      if (present.includes(it)) return { ...it, flags: [...(it.flags ?? []), `Konflikt: NKA i ${nkaSource}`] };
      return it;
    });
  }
  const rank = (it: OverviewItem) => (isNka(it) ? 3 : it.assertion === 'present' ? 0 : it.assertion === 'uncertain' || it.assertion === 'historical' ? 1 : 2);
  return all.map((it, i) => ({ it, i })).sort((a, b) => rank(a.it) - rank(b.it) || a.i - b.i).map((x) => x.it);
}
