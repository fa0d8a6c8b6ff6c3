// Text clean-up before HL7 v2 parsing: segment ends normalised to CR (senders and files use CR, LF or CRLF; HL7 v2.6 §2.5.2), blank lines and a BOM dropped.
/** The message with every segment ending in a single CR and no blank segments. */
export function normaliseSegments(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .filter((line) => line.trim() !== '')
    .join('\r');
}

/** True when the text starts like an MSH segment with usable delimiters (`MSH|^~\&`). */
export function looksLikeHl7(text: string): boolean {
  if (!text.startsWith('MSH') || text.length < 8) return false;
  const delimiters = text.slice(3, 8);
  const [field, comp, rep, esc, sub] = delimiters;
  const set = new Set(delimiters);
  return set.size === 5 && [field, comp, rep, esc, sub].every((c) => c !== undefined && !/[A-Za-z0-9\s]/.test(c));
}
