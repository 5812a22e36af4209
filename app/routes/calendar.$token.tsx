// A member's personal calendar subscription: /calendar/<secret>.ics, fetched by calendar apps without a session.
// The secret is the only credential, so an unknown, revoked or rotated token gets a plain 404.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { calendarHeaders } from "~/services/ical.server";
import { personalCalendar, userForCalendarToken } from "~/models/schedule.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const raw = params.token ?? "";
  const token = raw.endsWith(".ics") ? raw.slice(0, -4) : raw;
  const user = userForCalendarToken({ token });
  if (!user) {
    throw new Response("Not Found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  return new Response(personalCalendar({ userId: user.id, userName: user.name }), {
    headers: calendarHeaders("colloquy.ics", {
      // The URL is a secret: keep it and the feed out of shared caches and out of Referer headers.
      "Cache-Control": "private, max-age=300",
      "Referrer-Policy": "no-referrer",
      "X-Robots-Tag": "noindex",
    }),
  });
}
