// The member's personal calendar subscription: create, replace (rotate) or turn off the secret link.
// Only the link's SHA-256 is stored, so the link itself is shown once, right after it is made.
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { requireUser } from "~/auth/guards.server";
import { calendarTokenInfo, revokeCalendarToken, rotateCalendarToken } from "~/models/schedule.server";
import { env } from "~/utils/env.server";

export const meta: MetaFunction = () => [{ title: "Calendar subscription · Colloquy" }, { name: "referrer", content: "no-referrer" }];

// The page may show the secret link: never cache it anywhere.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const info = calendarTokenInfo({ userId: user.id });
  return {
    active: info ? { createdAt: info.createdAt.toISOString(), lastUsedAt: info.lastUsedAt?.toISOString() ?? null } : null,
  };
}

const CalendarActionSchema = z.object({ intent: z.enum(["create", "revoke"]) });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: CalendarActionSchema });
  const noStore = { "Cache-Control": "no-store" };
  if (submission.status !== "success") return data({ url: null, revoked: false }, { status: 400, headers: noStore });
  if (submission.value.intent === "revoke") {
    revokeCalendarToken({ userId: user.id });
    return data({ url: null, revoked: true }, { headers: noStore });
  }
  const token = rotateCalendarToken({ userId: user.id });
  return data({ url: `${env().APP_URL}/calendar/${token}.ics`, revoked: false }, { headers: noStore });
}

const when = (iso: string) => new Date(iso).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";

export default function CalendarSubscription() {
  const { active } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const url = result?.url ?? null;
  const webcal = url ? url.replace(/^https?:/, "webcal:") : null;
  return (
    <div className="narrow-wide stack">
      <h1>Your calendar subscription</h1>
      <p>
        One private link puts the schedule of every seminar you take part in into Google Calendar, Outlook or Apple
        Calendar, and keeps it up to date. Anyone who has the link can see those schedules, so keep it to yourself.
      </p>
      {url && webcal ? (
        <section className="card stack" aria-labelledby="new-link-title">
          <h2 id="new-link-title">Your new subscription link</h2>
          <p role="status">Copy it now: for your security it is shown only this once.</p>
          <div className="field">
            <label htmlFor="calendar-url">Subscription link</label>
            <input id="calendar-url" readOnly value={url} className="mono" />
          </div>
          <ul className="plain-list">
            <li>
              <a href={webcal}>Open in Apple Calendar or Outlook</a> (subscribes directly)
            </li>
            <li>
              <a href={`https://calendar.google.com/calendar/r?cid=${encodeURIComponent(webcal)}`} rel="noopener noreferrer">
                Add to Google Calendar
              </a>
            </li>
            <li>Outlook on the web: Add calendar → Subscribe from web, and paste the link.</li>
          </ul>
        </section>
      ) : null}
      {result?.revoked ? <p role="status" className="flash flash--success">Your subscription link was turned off. Calendars using it stop updating.</p> : null}
      <section className="card stack" aria-labelledby="status-title">
        <h2 id="status-title">Status</h2>
        {active ? (
          <p>
            A subscription link is active (made {when(active.createdAt)}
            {active.lastUsedAt ? `, last fetched by a calendar ${when(active.lastUsedAt)}` : ", not fetched yet"}).
          </p>
        ) : (
          <p>You have no subscription link.</p>
        )}
        <div className="actions">
          <Form method="post">
            <input type="hidden" name="intent" value="create" />
            <button type="submit" disabled={busy}>
              {active ? "Make a new link (the old one stops working)" : "Make my subscription link"}
            </button>
          </Form>
          {active ? (
            <Form method="post">
              <input type="hidden" name="intent" value="revoke" />
              <button type="submit" className="button--secondary" disabled={busy}>
                Turn the link off
              </button>
            </Form>
          ) : null}
        </div>
      </section>
    </div>
  );
}
