// CSV export of the roster with the same filters as the page; instructors of this seminar (and admins) only.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireSeminarRole } from "~/auth/guards.server";
import { intakeColumns } from "~/models/intake.server";
import { attendees, filterRoster } from "~/models/roster.server";
import { rosterCsv } from "~/services/roster-csv.server";
import { parseRosterQuery } from "../s.$slug.roster/roster-query.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { seminar, user } = await requireSeminarRole(request, params.slug, "instructor");
  const { filters } = parseRosterQuery(new URL(request.url));
  const people = filterRoster(attendees({ seminarId: seminar.id, viewer: user }), filters);
  const name = `${seminar.slug}-roster.csv`;
  return new Response(rosterCsv(people, intakeColumns({ seminarId: seminar.id })), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
