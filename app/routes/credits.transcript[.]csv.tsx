// Issue #17: the member's transcript as CSV (UTF-8 with BOM, CRLF, formulas defused); self-reported credits say so.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { csvRow, memberLedger } from "~/models/credit-ledger.server";
import { formatCredits } from "~/utils/credits";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { lines } = memberLedger({ userId: user.id });
  const head = csvRow(["Date", "Seminar", "Session", "Jurisdiction", "Category", "Credits", "Course number", "How earned"]);
  const body = lines.map((l) => csvRow([l.date, l.seminar, l.session, l.jurisdiction, l.category, formatCredits(l.credits), l.courseNumber, l.source])).join("");
  return new Response("\uFEFF" + head + body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="cle-transcript.csv"',
      "Cache-Control": "private, no-store",
    },
  });
}
