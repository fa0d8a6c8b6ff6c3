/** Test files for the document archive, made in the test: a PDF with Danish text (pdf-lib), a tiny PNG and JPEG, a broken PDF. */
import { PDFDocument, StandardFonts } from 'pdf-lib';

export const XRAY_TEXT = ['Røntgen af thorax: ingen infiltrater.', 'Patienten har ikke feber.'] as const;

/** A one-page PDF whose text layer holds `lines` (Helvetica, WinAnsi: æ, ø and å included). */
export async function pdfWithText(lines: readonly string[] = XRAY_TEXT): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle('Røntgenbeskrivelse');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  lines.forEach((line, i) => page.drawText(line, { x: 56, y: 760 - i * 20, size: 12, font }));
  return Buffer.from(await doc.save());
}

/** Starts as a PDF, then is not one: PDF.js cannot read it. */
export const BROKEN_PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\nthis is not a PDF body\n%%EOF\n');

/** A 1×1 transparent PNG. */
export const PNG_1x1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** The first bytes of a JPEG (SOI, APP0/JFIF): enough for the magic-byte check. */
export const JPEG_HEAD = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]);
