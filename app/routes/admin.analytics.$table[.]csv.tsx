// Issue #19: every analytics table as CSV (Excel-safe), with the page's own range and filters; admins only, and the
// same 404 as any missing page for everybody else.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireAnalyticsAccess } from "~/auth/guards.server";
import { analyticsCsv } from "~/models/analytics-export.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAnalyticsAccess(request);
  const result = analyticsCsv(params.table ?? "", new URL(request.url));
  if (!result) notFound();
  if (!result.ok) {
    return new Response(`${result.message}\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" } });
  }
  return new Response(result.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${result.filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
