/** Internal to context.ts: tokenises a sentence, finds the longest cue rule at each token and decides cue scope (ConText pre-/post-cues and terminators), journal-ai.md §3. */
import type { ContextKind, CueRule } from './context-rules.ts';

interface Token {
  readonly norm: string;
  readonly start: number;
  readonly end: number;
  readonly attached: boolean;
  /** The token ends in a period that may be the sentence's own. */
  readonly dotted: boolean;
}

export interface CueHit {
  readonly rule: CueRule;
  readonly start: number;
  readonly end: number;
}

type Matcher = string | { readonly placeholder: 'year' | 'num' };

const TOKEN = /[\p{L}\p{N}]+(?:[.\-/'’][\p{L}\p{N}]+)*\.?|[?;,:!()]/gu;
const NUMBER_WORDS: ReadonlySet<string> = new Set(['en', 'et', 'to', 'tre', 'fire', 'fem', 'seks', 'syv', 'otte', 'ni', 'ti', 'elleve', 'tolv', 'femten', 'tyve', 'mange', 'flere', 'nogle']);

function tokenize(text: string): Token[] {
  return [...text.matchAll(TOKEN)].map((m) => {
    const start = m.index, raw = m[0];
    const norm = raw.length > 1 && raw.endsWith('.') ? raw.slice(0, -1).toLowerCase() : raw.toLowerCase();
    return { norm, start, end: start + raw.length, attached: start > 0 && !/\s/u.test(text[start - 1] ?? ' '), dotted: raw.length > 1 && raw.endsWith('.') };
  });
}

function compilePhrase(phrase: string): Matcher[] {
  return phrase.split(/\s+/u).flatMap((piece): Matcher[] =>
    piece === '{year}' ? [{ placeholder: 'year' }] : piece === '{num}' ? [{ placeholder: 'num' }] : tokenize(piece).map((t) => t.norm));
}

const compiled = new WeakMap<readonly CueRule[], readonly (readonly [CueRule, Matcher[]])[]>();
function compileRules(rules: readonly CueRule[]): readonly (readonly [CueRule, Matcher[]])[] {
  let c = compiled.get(rules);
  if (!c) compiled.set(rules, (c = rules.map((r) => [r, compilePhrase(r.phrase)] as const)));
  return c;
}

function matches(m: Matcher, t: Token): boolean {
  if (typeof m === 'string') return m === t.norm;
  if (m.placeholder === 'year') return /^(?:19|20)\d\d$/u.test(t.norm);
  return /^\d+$/u.test(t.norm) || NUMBER_WORDS.has(t.norm);
}

/** Longest cue at each token, left to right (ties: the earlier rule); a matched cue's words are not reused. */
export function scanCues(text: string, rules: readonly CueRule[]): CueHit[] {
  const tokens = tokenize(text), table = compileRules(rules), hits: CueHit[] = [];
  for (let i = 0; i < tokens.length; ) {
    let best: readonly [CueRule, Matcher[]] | undefined;
    for (const entry of table) {
      const [rule, ms] = entry;
      if (ms.length === 0 || i + ms.length > tokens.length || (best && ms.length <= best[1].length)) continue;
      if (rule.attached !== undefined && rule.attached !== tokens[i]?.attached) continue;
      if (ms.every((m, k) => matches(m, tokens[i + k] as Token))) best = entry;
    }
    if (!best) { i++; continue; }
    const first = tokens[i] as Token, last = tokens[i + best[1].length - 1] as Token;
    const keepDot = !last.dotted || best[0].phrase.endsWith('.');
    hits.push({ rule: best[0], start: first.start, end: keepDot ? last.end : last.end - 1 });
    i += best[1].length;
  }
  return hits;
}

const ends = (terminator: CueHit, kind: ContextKind): boolean =>
  terminator.rule.kind === 'terminator' && (terminator.rule.ends === undefined || terminator.rule.ends.includes(kind));

/** True if the (UTF-16) target `[start, end)` lies in the cue's scope. */
export function inScope(hit: CueHit, hits: readonly CueHit[], kind: ContextKind, length: number, start: number, end: number): boolean {
  const dir = hit.rule.direction ?? 'forward';
  if (dir !== 'backward' && start >= hit.end) {
    const stop = hits.find((h) => h.start >= hit.end && ends(h, kind))?.start ?? length;
    if (end <= stop) return true;
  }
  if (dir !== 'forward' && end <= hit.start) {
    const from = hits.filter((h) => h.end <= hit.start && ends(h, kind)).at(-1)?.end ?? 0;
    if (start >= from) return true;
  }
  return false;
}
