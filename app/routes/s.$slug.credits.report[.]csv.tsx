// Issue #17: the attendance and credit report for regulators, one row per attorney, session and category, in the
// columns state bars ask providers for (attorney, bar number in that jurisdiction, course, course number, date,
// category, credits, minutes). Staff only.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireSeminarRole } from "~/auth/guards.server";
import { csvRow } from "~/models/credit-ledger.server";
import { earnedInSeminar, formatCredits, memberIdsOf } from "~/models/credits.server";
import { db } from "~/models/db.server";
import { dateTimeFormat } from "~/utils/intl";

const REPORT_COLUMNS = [
  "Jurisdiction",
  "Attorney name",
  "Email",
  "Bar number",
  "Course title",
  "Session",
  "Course number",
  "Date",
  "Category",
  "Credits",
  "Minutes attended",
  "Session minutes",
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { seminar, user } = await requireSeminarRole(request, params.slug, "instructor");
  if (user.role !== "admin") throw new Response("Forbidden", { status: 403, statusText: "Only the institute's staff can do that." });
  const members = memberIdsOf(seminar.id);
  const bars = db().$client
    .prepare(
      `select b.user_id as userId, b.jurisdiction, b.bar_number as barNumber from bar_admissions b
         join memberships m on m.user_id = b.user_id and m.seminar_id = ?`,
    )
    .all(seminar.id) as { userId: number; jurisdiction: string; barNumber: string }[];
  const barOf = (userId: number, jurisdiction: string) => bars.find((b) => b.userId === userId && b.jurisdiction === jurisdiction)?.barNumber ?? "";
  const date = dateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone: seminar.timeZone });
  const rows: string[][] = [];
  for (const [userId, lines] of earnedInSeminar(seminar.id)) {
    const m = members.get(userId);
    if (!m) continue;
    for (const l of lines) {
      if (l.hundredths <= 0) continue;
      rows.push([
        l.jurisdiction,
        m.name,
        m.email,
        barOf(userId, l.jurisdiction),
        seminar.title,
        l.sessionTitle,
        l.courseNumber,
        date.format(l.startsAt),
        l.category,
        formatCredits(l.hundredths),
        String(l.minutes),
        String(l.sessionMinutes),
      ]);
    }
  }
  rows.sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]) || a[7].localeCompare(b[7]));
  const body = "\uFEFF" + csvRow(REPORT_COLUMNS) + rows.map(csvRow).join("");
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${seminar.slug}-cle-report.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
