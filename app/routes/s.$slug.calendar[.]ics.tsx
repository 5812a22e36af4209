// The seminar's schedule as an iCalendar file (RFC 5545), for members only.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireSeminarRole } from "~/auth/guards.server";
import { calendarHeaders } from "~/services/ical.server";
import { seminarCalendar } from "~/models/schedule.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { seminar } = await requireSeminarRole(request, params.slug);
  return new Response(seminarCalendar({ seminar }), {
    headers: calendarHeaders(`${seminar.slug}.ics`, { "Cache-Control": "private, no-cache" }),
  });
}
