// The schedule: sessions in the viewer's time zone (the seminar's zone without JavaScript), and calendar links.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireSeminarRole } from "~/auth/guards.server";
import { SessionTime, formatDay, useViewerTimeZone } from "~/components/local-time";
import { listSessions } from "~/models/schedule.server";
import { zoneName } from "~/utils/dates";

export const meta: MetaFunction = () => [{ title: "Schedule · Colloquy" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { seminar, canManage } = await requireSeminarRole(request, params.slug);
  return {
    seminar: { slug: seminar.slug, title: seminar.title, timeZone: seminar.timeZone, venue: seminar.venue },
    canManage,
    sessions: listSessions({ seminarId: seminar.id }).map((s) => ({
      id: s.id,
      title: s.title,
      description: s.description,
      speaker: s.speaker,
      room: s.room,
      meetingUrl: s.meetingUrl,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
    })),
  };
}

export default function Schedule() {
  const { seminar, sessions, canManage } = useLoaderData<typeof loader>();
  const viewerZone = useViewerTimeZone();
  const dayZone = viewerZone ?? seminar.timeZone;
  const base = `/s/${seminar.slug}`;
  const days: { day: string; items: typeof sessions }[] = [];
  for (const s of sessions) {
    const day = formatDay(s.startsAt, dayZone);
    const last = days[days.length - 1];
    if (last && last.day === day) last.items.push(s);
    else days.push({ day, items: [s] });
  }
  const seminarZoneName = zoneName(seminar.timeZone, new Date(sessions[0]?.startsAt ?? Date.now()));
  return (
    <div className="stack">
      <div className="page-head">
        <h1>Schedule</h1>
        {canManage ? (
          <Link className="button" to={`${base}/schedule/new`}>
            Add a session
          </Link>
        ) : null}
      </div>
      <p className="muted">
        {viewerZone && viewerZone !== seminar.timeZone
          ? `Times are shown in your time zone; the seminar runs on ${seminarZoneName} (${seminar.timeZone}).`
          : `Times are in the seminar's time zone: ${seminarZoneName} (${seminar.timeZone}).`}
      </p>
      {days.length ? (
        days.map((d) => (
          <section key={d.day} aria-label={d.day} className="schedule-day">
            <h2>{d.day}</h2>
            <ol className="schedule-list">
              {d.items.map((s) => (
                <li key={s.id} id={`session-${s.id}`} className="card schedule-item">
                  <h3>{s.title}</h3>
                  <p>
                    <SessionTime startIso={s.startsAt} endIso={s.endsAt} seminarZone={seminar.timeZone} viewerZone={viewerZone} />
                  </p>
                  {s.speaker ? <p>Speaker: {s.speaker}</p> : null}
                  {s.room ? <p>Room: {s.room}</p> : null}
                  {s.meetingUrl ? (
                    <p>
                      <a href={s.meetingUrl} rel="noopener noreferrer">
                        Join online
                      </a>
                    </p>
                  ) : null}
                  {s.description ? <p className="pre-line">{s.description}</p> : null}
                  {canManage ? (
                    <p>
                      <Link to={`${base}/schedule/${s.id}`}>
                        Edit<span className="visually-hidden"> {s.title}</span>
                      </Link>
                    </p>
                  ) : null}
                </li>
              ))}
            </ol>
          </section>
        ))
      ) : (
        <p className="muted">{canManage ? "No sessions yet. Add the first one." : "The schedule has not been published yet."}</p>
      )}
      <section className="card" aria-labelledby="calendar-title">
        <h2 id="calendar-title">In your calendar</h2>
        <p>
          <a href={`${base}/calendar.ics`} download>
            Download this schedule (.ics)
          </a>{" "}
          for Outlook, Apple Calendar or Google Calendar. It does not update itself.
        </p>
        <p>
          To keep every seminar you take part in up to date in your calendar, use your{" "}
          <Link to="/calendar">personal calendar subscription</Link>.
        </p>
      </section>
    </div>
  );
}
