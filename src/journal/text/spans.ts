/** Code-point spans `[start, end)` and their conversion to JS (UTF-16) string indices: journal-ai.md §3 "choose one unit and keep it end to end". */

/** A half-open span `[start, end)` in Unicode code points. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Converts between code-point offsets and UTF-16 indices of one text in O(1) after an O(n) build. */
export interface OffsetMap {
  readonly codePointLength: number;
  /** UTF-16 index → code-point offset; throws RangeError inside a surrogate pair or out of range. */
  toCodePoint(index: number): number;
  /** Code-point offset → UTF-16 index; throws RangeError out of range. */
  toIndex(codePoint: number): number;
}

const isHighSurrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;

/** Number of Unicode code points in `text` (a lone surrogate counts as one). */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) i++;
    n++;
  }
  return n;
}

/** Builds an {@link OffsetMap} for `text`. */
export function buildOffsetMap(text: string): OffsetMap {
  const toIdx: number[] = [];
  const toCp = new Int32Array(text.length + 1).fill(-1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    toIdx.push(i);
    toCp[i] = cp;
    if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) i++;
    cp++;
  }
  toIdx.push(text.length);
  toCp[text.length] = cp;
  return {
    codePointLength: cp,
    toCodePoint(index: number): number {
      const value = Number.isInteger(index) ? toCp[index] : undefined;
      if (value === undefined || value < 0) throw new RangeError(`UTF-16 index ${index} is not a code-point boundary of a text of length ${text.length}`);
      return value;
    },
    toIndex(codePoint: number): number {
      const value = Number.isInteger(codePoint) ? toIdx[codePoint] : undefined;
      if (value === undefined) throw new RangeError(`code point ${codePoint} is outside [0, ${cp}]`);
      return value;
    },
  };
}

/** UTF-16 index of code-point offset `codePoint` in `text`. */
export function codePointToIndex(text: string, codePoint: number): number {
  return buildOffsetMap(text).toIndex(codePoint);
}

/** Code-point offset of UTF-16 index `index` in `text`. */
export function indexToCodePoint(text: string, index: number): number {
  return buildOffsetMap(text).toCodePoint(index);
}

/** True if `[start, end)` is an integer span within a text of `length` code points. */
export function isValidSpan(length: number, start: number, end: number): boolean {
  return Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= length;
}

/** The substring `[start, end)` counted in code points; throws RangeError for an invalid span. */
export function sliceCodePoints(text: string, start: number, end: number): string {
  const map = buildOffsetMap(text);
  if (!isValidSpan(map.codePointLength, start, end)) throw new RangeError(`span [${start}, ${end}) is not within [0, ${map.codePointLength}]`);
  return text.slice(map.toIndex(start), map.toIndex(end));
}
