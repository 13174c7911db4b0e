/** A CSV document (RFC 4180): a header line, then one line per row; fields quoted when they need it. */
export function toCsv(columns: string[], rows: Array<Array<string | number | null | undefined>>): string {
  const field = (value: string | number | null | undefined) => {
    const text = value === null || value === undefined ? '' : String(value);
    // A leading = + - @ would be read as a formula by spreadsheet programs.
    const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return [columns, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

/** A code as a word for people: `london_borough` → "London borough", `never` → "Never". */
export function inWords(code: string | null | undefined): string {
  return code ? code.charAt(0).toUpperCase() + code.slice(1).replace(/_/g, ' ') : '';
}
