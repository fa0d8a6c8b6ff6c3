// Decodes an HL7 v2 payload by its MSH-18 character set (HL7 table 0211: ASCII, 8859/1…8859/15, UNICODE UTF-8), read ASCII-safely from the raw MSH bytes.
const CR = 0x0d;
const LF = 0x0a;

/** MSH-18.1 read from the raw bytes of the MSH segment; undefined when there is no MSH or no MSH-18. */
export function readRawCharset(payload: Buffer): string | undefined {
  let start = 0;
  if (payload[0] === 0xef && payload[1] === 0xbb && payload[2] === 0xbf) start = 3; // UTF-8 BOM
  if (payload.toString('latin1', start, start + 3) !== 'MSH' || payload.length < start + 8) return undefined;
  let end = start;
  while (end < payload.length && payload[end] !== CR && payload[end] !== LF) end += 1;
  const msh = payload.toString('latin1', start, end);
  const fieldSep = msh.charAt(3);
  const componentSep = msh.charAt(4);
  const repetitionSep = msh.charAt(5);
  const msh18 = msh.split(fieldSep)[17]; // split index n-1 holds MSH-n
  const first = msh18?.split(repetitionSep)[0]?.split(componentSep)[0]?.trim();
  return first ? first : undefined;
}

/** The WHATWG encoding label for an MSH-18 value; undefined when this runtime cannot decode it. */
export function encodingForCharset(charset: string | undefined): string | undefined {
  const value = (charset ?? '').trim().toUpperCase();
  if (value === '' || value === 'UNICODE UTF-8' || value === 'UNICODE' || value === 'UTF-8') return 'utf-8';
  if (value === 'ASCII' || value === '8859/1') return 'latin1';
  const iso = /^8859\/(\d{1,2})$/.exec(value);
  if (iso) {
    const label = `iso-8859-${iso[1]}`;
    try {
      return new TextDecoder(label).encoding;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * The payload as text in the charset its MSH-18 names (default UTF-8, also for charsets this runtime lacks).
 * ASCII and 8859/1 decode as Latin-1 so no byte is lost; a UTF-8 BOM is dropped.
 */
export function decodePayload(payload: Buffer): string {
  const encoding = encodingForCharset(readRawCharset(payload)) ?? 'utf-8';
  if (encoding === 'latin1') return payload.toString('latin1');
  return new TextDecoder(encoding).decode(payload);
}

/** The text as bytes in the charset its MSH-18 names: Latin-1 for ASCII and 8859/1, else UTF-8 (what `buildAck` declares). */
export function encodePayload(text: string): Buffer {
  const encoding = encodingForCharset(readRawCharset(Buffer.from(text.slice(0, 1024), 'latin1')));
  return Buffer.from(text, encoding === 'latin1' ? 'latin1' : 'utf8');
}
