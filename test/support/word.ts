import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Response } from 'superagent';

/** The text of a Word document's body, a line per paragraph. */
export function documentText(docx: Buffer): string {
  const xml = strFromU8(unzipSync(new Uint8Array(docx))['word/document.xml']);
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

/** A superagent parser that keeps a response's body as a Buffer. */
export const binary = (res: Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/**
 * Converts a Word document to PDF with LibreOffice headless (TEST_SOFFICE) in `work`, and returns the PDF's text
 * from pdftotext (TEST_PDFTOTEXT) with runs of white space as one space; throws unless the file is a PDF.
 */
export function pdfTextOf(docx: Buffer, work: string, name: string): string {
  const file = path.join(work, `${name}.docx`);
  writeFileSync(file, docx);
  execFileSync(
    process.env.TEST_SOFFICE ?? 'soffice',
    [
      `-env:UserInstallation=file://${path.join(work, 'profile')}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      work,
      file,
    ],
    { stdio: 'ignore', timeout: 120_000 },
  );
  const pdf = path.join(work, `${name}.pdf`);
  if (readFileSync(pdf).subarray(0, 5).toString() !== '%PDF-') throw new Error(`${pdf} is not a PDF`);
  return execFileSync(process.env.TEST_PDFTOTEXT ?? 'pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}
