// Issue #17: a member's credit ledger across seminars, by jurisdiction, reporting year and category.
import { csvCell } from "~/utils/text-formats";
import type { TranscriptLine } from "~/services/certificate-pdf.server";
import { dateTimeFormat } from "~/utils/intl";
import { earnedInSeminar } from "./credits.server";
import { db } from "./db.server";

export interface LedgerTotal {
  jurisdiction: string;
  period: string;
  category: string;
  credits: number;
}

export interface Ledger {
  totals: LedgerTotal[];
  lines: (TranscriptLine & { slug: string; startsAt: string })[];
}

export function memberLedger({ userId }: { userId: number }): Ledger {
  // Seminars where this member has any attendance and is (still) a member.
  const seminars = db().$client
    .prepare(
      `select distinct se.id, se.slug, se.title, se.time_zone as timeZone
         from attendance a join seminar_sessions s on s.id = a.session_id join seminars se on se.id = s.seminar_id
         join memberships m on m.seminar_id = se.id and m.user_id = a.user_id
        where a.user_id = ?`,
    )
    .all(userId) as { id: number; slug: string; title: string; timeZone: string }[];
  const lines: Ledger["lines"] = [];
  for (const s of seminars) {
    for (const l of earnedInSeminar(s.id, userId).get(userId) ?? []) {
      if (l.hundredths <= 0) continue;
      lines.push({
        date: dateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone: s.timeZone }).format(l.startsAt),
        startsAt: l.startsAt.toISOString(),
        seminar: s.title,
        slug: s.slug,
        session: l.sessionTitle,
        jurisdiction: l.jurisdiction,
        category: l.category,
        credits: l.hundredths,
        courseNumber: l.courseNumber,
        source: `${l.minutes} of ${l.sessionMinutes} minutes attended`,
      });
    }
  }
  lines.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.jurisdiction.localeCompare(b.jurisdiction));
  const totals = new Map<string, LedgerTotal>();
  for (const l of lines) {
    const period = l.date.slice(0, 4);
    const key = [l.jurisdiction, period, l.category].join("\u0000");
    const t = totals.get(key) ?? { jurisdiction: l.jurisdiction, period, category: l.category, credits: 0 };
    t.credits += l.credits;
    totals.set(key, t);
  }
  return {
    lines,
    totals: [...totals.values()].sort((a, b) => a.jurisdiction.localeCompare(b.jurisdiction) || b.period.localeCompare(a.period) || a.category.localeCompare(b.category)),
  };
}

export const csvRow = (fields: (string | number)[]) => fields.map((f) => csvCell(f)).join(",") + "\r\n";
