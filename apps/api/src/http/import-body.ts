import { BadRequestException } from '@nestjs/common';
import { rowsFromCsv } from '#libs/cases';

/** The rows of a CSV body (the file's line numbers) or a JSON array (positions from 1); a 400 for anything else. */
export function rowsOf(body: unknown, contentType: string | undefined, what: string) {
  if (contentType?.startsWith('text/csv')) {
    try {
      return rowsFromCsv(typeof body === 'string' ? body : '');
    } catch (error) {
      throw new BadRequestException(`The CSV cannot be read: ${(error as Error).message}`);
    }
  }
  if (!Array.isArray(body)) {
    throw new BadRequestException(`Send a JSON array of ${what}, or CSV with Content-Type: text/csv`);
  }
  return body.map((row, index) => ({ line: index + 1, row }));
}
