// The staff's list of self-reported credits as CSV (UTF-8 with BOM, formulas defused): one row per credit line of
// each course matching the page's filter, newest recorded first.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "~/auth/guards.server";
import { csvRow } from "~/models/credit-ledger.server";
import { reportedCreditRows } from "~/models/credit-external.server";
import { formatCredits } from "~/utils/credits";
import { ReportedFilterSchema } from "~/utils/reported-credits";

const COLUMNS = ["Member", "Email", "Course title", "Provider", "Course number", "Completed on", "Jurisdiction", "Category", "Credits", "Certificate file", "Recorded on"];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const f = ReportedFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const rows = reportedCreditRows({ search: f.q, jurisdictionId: f.jurisdiction, from: f.from, to: f.to });
  const body =
    "\uFEFF" +
    csvRow(COLUMNS) +
    rows
      .map((r) =>
        csvRow([
          r.memberName,
          r.memberEmail,
          r.title,
          r.provider,
          r.courseNumber,
          r.completedOn,
          r.jurisdiction,
          r.category,
          formatCredits(r.hundredths),
          r.fileName,
          new Date(r.recordedAt).toISOString().slice(0, 10),
        ]),
      )
      .join("");
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="self-reported-credits.csv"',
      "Cache-Control": "private, no-store",
    },
  });
}
