// Issue #17: a meeting platform's attendance report (Zoom, Teams, Webex: name, email, join and leave time) matched to
// the seminar's members. Rows are matched by email first, then by an exact, unambiguous name; a person who left and
// rejoined has several rows, whose intervals are merged and clipped to the session so no minute counts twice.
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { normalizeEmail } from "~/models/user.server";
import { wallTimeToUtc } from "~/utils/zoned-time";

export interface ImportResult {
  matched: { userId: number; name: string; minutes: number }[];
  unmatched: { name: string; email: string }[];
  errors: string[];
}

const RowSchema = z.object({
  name: z.string().trim().max(200),
  email: z.string().trim().max(254),
  join: z.string().trim().min(1),
  leave: z.string().trim().min(1),
});

function column(headers: string[], ...wanted: RegExp[]): number {
  for (const w of wanted) {
    const i = headers.findIndex((h) => w.test(h));
    if (i >= 0) return i;
  }
  return -1;
}

/** "2027-03-04 09:05:00", "2027-03-04T09:05", "03/04/2027 09:05:00 AM" in the seminar's zone; ISO with a zone as is. */
export function parseReportTime(raw: string, timeZone: string): Date | null {
  const v = raw.trim();
  if (/[zZ]$|[+-]\d\d:?\d\d$/.test(v) && !Number.isNaN(Date.parse(v))) return new Date(v);
  let m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(v);
  if (m) {
    const d = wallTimeToUtc(`${m[1]}-${m[2]}-${m[3]}T${m[4].padStart(2, "0")}:${m[5]}`, timeZone);
    return d ? new Date(d.getTime() + Number(m[6] ?? 0) * 1000) : null;
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp][Mm]))?$/.exec(v);
  if (m) {
    let h = Number(m[4]);
    if (m[7]) h = (h % 12) + (/p/i.test(m[7]) ? 12 : 0);
    const local = `${m[3]}-${m[1].padStart(2, "0")}-${m[2].padStart(2, "0")}T${String(h).padStart(2, "0")}:${m[5]}`;
    const d = wallTimeToUtc(local, timeZone);
    return d ? new Date(d.getTime() + Number(m[6] ?? 0) * 1000) : null;
  }
  return null;
}

export function matchAttendanceReport(input: {
  csv: string;
  timeZone: string;
  session: { startsAt: Date; endsAt: Date };
  members: Map<number, { name: string; email: string }>;
}): ImportResult {
  const errors: string[] = [];
  let records: string[][];
  try {
    records = parse(input.csv.replace(/^\uFEFF/, ""), { relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch {
    return { matched: [], unmatched: [], errors: ["The file is not a CSV file we can read."] };
  }
  // Reports often start with a few lines of meeting details: the header is the first row naming a join time.
  const headerAt = records.findIndex((r) => r.some((c) => /join/i.test(c)) && r.some((c) => /leave|left/i.test(c)));
  if (headerAt < 0) return { matched: [], unmatched: [], errors: ["The file needs columns for join time and leave time."] };
  const headers = records[headerAt].map((h) => h.toLowerCase());
  const cols = {
    name: column(headers, /^name/, /full name/, /name/),
    email: column(headers, /e-?mail/),
    join: column(headers, /join/),
    leave: column(headers, /leave|left/),
  };
  if (cols.email < 0 && cols.name < 0) return { matched: [], unmatched: [], errors: ["The file needs a name or an email column."] };
  const byEmail = new Map<string, number>();
  const byName = new Map<string, number | null>();
  for (const [id, m] of input.members) {
    byEmail.set(normalizeEmail(m.email), id);
    const key = m.name.trim().toLowerCase();
    byName.set(key, byName.has(key) ? null : id);
  }
  const intervals = new Map<number, [number, number][]>();
  const unmatched = new Map<string, { name: string; email: string }>();
  const start = input.session.startsAt.getTime();
  const end = input.session.endsAt.getTime();
  records.slice(headerAt + 1).forEach((r, i) => {
    const parsed = RowSchema.safeParse({
      name: cols.name >= 0 ? (r[cols.name] ?? "") : "",
      email: cols.email >= 0 ? (r[cols.email] ?? "") : "",
      join: r[cols.join] ?? "",
      leave: r[cols.leave] ?? "",
    });
    if (!parsed.success) {
      errors.push(`Row ${headerAt + i + 2}: missing join or leave time.`);
      return;
    }
    const row = parsed.data;
    const join = parseReportTime(row.join, input.timeZone);
    const leave = parseReportTime(row.leave, input.timeZone);
    if (!join || !leave) {
      errors.push(`Row ${headerAt + i + 2}: the times could not be read.`);
      return;
    }
    const name = row.name.replace(/\s*\(.*\)\s*$/, "").trim();
    const userId = (row.email && byEmail.get(normalizeEmail(row.email))) || byName.get(name.toLowerCase()) || null;
    if (!userId) {
      unmatched.set(`${name}|${row.email}`, { name, email: row.email });
      return;
    }
    const a = Math.max(start, join.getTime());
    const b = Math.min(end, leave.getTime());
    if (b <= a) return;
    const list = intervals.get(userId) ?? [];
    list.push([a, b]);
    intervals.set(userId, list);
  });
  const matched: ImportResult["matched"] = [];
  for (const [userId, list] of intervals) {
    list.sort((x, y) => x[0] - y[0]);
    let total = 0;
    let [cs, ce] = list[0];
    for (const [s, e] of list.slice(1)) {
      if (s <= ce) ce = Math.max(ce, e);
      else {
        total += ce - cs;
        [cs, ce] = [s, e];
      }
    }
    total += ce - cs;
    matched.push({ userId, name: input.members.get(userId)!.name, minutes: Math.round(total / 60_000) });
  }
  matched.sort((a, b) => a.name.localeCompare(b.name));
  return { matched, unmatched: [...unmatched.values()], errors: errors.slice(0, 20) };
}
