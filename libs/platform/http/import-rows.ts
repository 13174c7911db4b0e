import { RowsRefused, type RowProblem } from '../errors/domain-errors.js';

/**
 * The rows of an all-or-nothing import, checked: each row's problems (`problemsOf`), a row whose `keyOf` repeats an
 * earlier one's, and an empty file. Any problem → 400 listing every bad row by line (nothing is written by the
 * caller); otherwise the rows, typed.
 */
export function checkedRows<T>(
  rows: Array<{ line: number; row: unknown }>,
  problemsOf: (row: unknown) => string[],
  keyOf: (row: T) => string,
): T[] {
  const problems: RowProblem[] = [];
  const valid: T[] = [];
  const seen = new Map<string, number>();
  for (const { line, row } of rows) {
    const found = problemsOf(row);
    if (found.length === 0) {
      const key = keyOf(row as T);
      if (seen.has(key)) found.push(`repeats line ${seen.get(key)}`);
      else seen.set(key, line);
    }
    if (found.length > 0) problems.push({ line, problems: found });
    else valid.push(row as T);
  }
  if (rows.length === 0) problems.push({ line: 0, problems: ['there are no rows to import'] });
  if (problems.length > 0) throw new RowsRefused(problems);
  return valid;
}
