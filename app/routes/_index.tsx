import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { listSeminarsForUser } from "~/models/seminar.server";
import { ProfileReminder } from "~/components/profile-reminder";
import { onboardingReminder } from "~/models/profile-write.server";
import { formatDateRange } from "~/utils/dates";

export const meta: MetaFunction = () => [{ title: "My seminars · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const rows = listSeminarsForUser({ userId: user.id });
  const toCard = (r: (typeof rows)[number]) => ({
    slug: r.seminar.slug,
    title: r.seminar.title,
    summary: r.seminar.summary,
    startsAt: r.seminar.startsAt.toISOString(),
    endsAt: r.seminar.endsAt.toISOString(),
    timeZone: r.seminar.timeZone,
    role: r.role,
    phase: r.phase,
  });
  const current = rows
    .filter((r) => r.phase !== "alumni")
    .sort((a, b) => a.seminar.startsAt.getTime() - b.seminar.startsAt.getTime())
    .map(toCard);
  const alumni = rows
    .filter((r) => r.phase === "alumni")
    .sort((a, b) => b.seminar.endsAt.getTime() - a.seminar.endsAt.getTime())
    .map(toCard);
  return { name: user.name, current, alumni, reminder: onboardingReminder({ userId: user.id }) };
}

type Card = ReturnType<typeof useLoaderData<typeof loader>>["current"][number];

const PHASE_LABEL = { upcoming: "Upcoming", "in-progress": "In progress", alumni: "Alumni" } as const;

function SeminarCard({ s }: { s: Card }) {
  return (
    <article className="card seminar-card">
      <p>
        <span className={`badge badge--${s.phase}`}>{PHASE_LABEL[s.phase]}</span>{" "}
        <span className="badge">{s.role === "instructor" ? "Instructor" : "Attendee"}</span>
      </p>
      <h3>
        <Link to={`/s/${s.slug}`}>{s.title}</Link>
      </h3>
      <p className="muted">{formatDateRange(s.startsAt, s.endsAt, s.timeZone)}</p>
      {s.summary ? <p>{s.summary}</p> : null}
    </article>
  );
}

export default function Home() {
  const { name, current, alumni, reminder } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head">
        <h1>My seminars</h1>
        <p className="muted">Welcome back, {name}.</p>
      </div>
      <ProfileReminder reminder={reminder} />
      <section aria-labelledby="current-title" className="stack">
        <h2 id="current-title">Upcoming and in progress</h2>
        {current.length ? (
          <div className="grid">
            {current.map((s) => (
              <SeminarCard key={s.slug} s={s} />
            ))}
          </div>
        ) : (
          <p className="muted">
            No upcoming seminars. <Link to="/catalogue">Find one in the catalogue</Link>, or wait for an invitation: it appears here.
          </p>
        )}
      </section>
      <section aria-labelledby="alumni-title" className="stack">
        <h2 id="alumni-title">Alumni</h2>
        {alumni.length ? (
          <div className="grid">
            {alumni.map((s) => (
              <SeminarCard key={s.slug} s={s} />
            ))}
          </div>
        ) : (
          <p className="muted">Seminars you have attended stay here, with their materials and discussions.</p>
        )}
      </section>
      {current.length || alumni.length ? (
        <p className="muted">
          Keep every session in your own calendar: <Link to="/calendar">set up your calendar subscription</Link>.
        </p>
      ) : null}
    </>
  );
}
