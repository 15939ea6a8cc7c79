/**
 * One CSV cell, safe to open in a spreadsheet: text starting with = + - @ tab or CR would run as a formula
 * (CSV injection), so it gets a leading quote — except a plain signed number, which no spreadsheet runs.
 * One rule for the workbench's list exports and the server's import error reports.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
