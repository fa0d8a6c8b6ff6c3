/**
 * What an uploaded file really is, from its first bytes (magic numbers), so a declared type is never
 * trusted alone: PDF (ISO 32000 header "%PDF-"), JPEG (SOI FF D8 FF), PNG (the 8-byte signature),
 * and plain text (valid UTF-8 without NUL or other binary control characters). Pure.
 * @see https://www.iso.org/standard/75839.html, https://www.w3.org/TR/png/#5PNG-file-signature
 */
import { DocumentContentType } from './api-types.ts';

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

/** The declared type without parameters, lower case ('text/plain; charset=utf-8' → 'text/plain'). */
export function mediaType(contentType: string): string {
  return contentType.split(';')[0]!.trim().toLowerCase();
}

/** Binary control characters: anything below a space but tab, line feed, form feed and carriage return; and DEL. */
const BINARY_CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/;

/** The UTF-8 text of the bytes, or undefined when they are not text (invalid UTF-8, or binary control characters). */
export function decodeText(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  return BINARY_CONTROL.test(text) ? undefined : text.replace(/^\uFEFF/, '');
}

/** The type the bytes show themselves to be, or undefined when none of the accepted types. */
export function sniffContentType(bytes: Uint8Array): DocumentContentType | undefined {
  if (startsWith(bytes, PDF)) return DocumentContentType.pdf;
  if (startsWith(bytes, PNG)) return DocumentContentType.png;
  if (startsWith(bytes, JPEG)) return DocumentContentType.jpeg;
  return decodeText(bytes) !== undefined ? DocumentContentType.text : undefined;
}
