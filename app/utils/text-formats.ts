// Small writers for the text formats the app produces (HTML, CSV, iCalendar/vCard), each written once (issue #13).
// Pure functions without server imports.

/** Escapes text for HTML (element content and quoted attributes). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** Text a spreadsheet would run as a formula (=, +, -, @, tab or CR first) gets a leading apostrophe (OWASP "CSV injection"). */
export function defuseFormula(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, semicolon, quote, line break or edge spaces, quotes doubled.
 * Text is defused against formulas unless `defuse: false` (numbers the writer made itself, or text defused already).
 */
export function csvCell(value: string | number | boolean | null | undefined, { defuse = true } = {}): string {
  let s = value === null || value === undefined ? "" : String(value);
  if (defuse) s = defuseFormula(s);
  return /[",\r\n;]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

const encoder = new TextEncoder();

/**
 * Folds a content line at 75 octets (RFC 5545 §3.1, RFC 6350 §3.2), never splitting a UTF-8 character; continuation
 * lines start with a space, which counts towards their 75.
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const out: string[] = [];
  let current = "";
  let currentBytes = 0;
  let limit = 75;
  for (const ch of line) {
    const bytes = ch.length === 1 && ch.charCodeAt(0) < 0x80 ? 1 : encoder.encode(ch).length;
    if (currentBytes + bytes > limit) {
      out.push(current);
      current = "";
      currentBytes = 0;
      limit = 74;
    }
    current += ch;
    currentBytes += bytes;
  }
  out.push(current);
  return out.join("\r\n ");
}
