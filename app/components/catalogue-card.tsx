// Issue #16: one seminar in the catalogue: dates in the viewer's zone and the seminar's, format and venue,
// instructors, topics, seats left and the viewer's own state. Credits on offer appear here once the credits feature
// exists (a `credits` slot is left in the card; no number is shown until then).
import { Link } from "@remix-run/react";
import { SessionTime } from "./local-time";
import { FORMAT_LABELS, type SeminarFormat } from "~/utils/catalogue";

export interface CatalogueCardData {
  id: number;
  slug: string;
  title: string;
  summary: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  format: SeminarFormat;
  venue: string;
  policy: "open" | "request" | "invitation";
  capacity: number | null;
  seatsLeft: number | null;
  waitlisted: number;
  areas: string[];
  jurisdictions: string[];
  instructors: { id: number; name: string; href: string }[];
  mine: "instructor" | "attendee" | "requested" | "waitlisted" | "offered" | null;
}

const MINE_LABEL = {
  instructor: "You teach this",
  attendee: "You are enrolled",
  requested: "Request sent",
  waitlisted: "On the waitlist",
  offered: "A seat is offered to you",
} as const;

export function seatsText(c: Pick<CatalogueCardData, "capacity" | "seatsLeft" | "waitlisted">): string {
  if (c.capacity == null || c.seatsLeft == null) return "Places available";
  if (c.seatsLeft === 0) return c.waitlisted ? `Full · ${c.waitlisted} on the waitlist` : "Full · waitlist open";
  return `${c.seatsLeft} of ${c.capacity} ${c.capacity === 1 ? "seat" : "seats"} left`;
}

export function CatalogueCard({ c, viewerZone, headingLevel = 3, past = false }: { c: CatalogueCardData; viewerZone: string | null; headingLevel?: 2 | 3; past?: boolean }) {
  const H = headingLevel === 2 ? "h2" : "h3";
  const href = past || c.mine === "attendee" || c.mine === "instructor" ? `/s/${c.slug}` : `/catalogue/${c.slug}`;
  return (
    <article className="card catalogue-card" aria-labelledby={`cat-${c.id}`}>
      <p className="catalogue-card__badges">
        <span className="badge">{FORMAT_LABELS[c.format]}</span>{" "}
        {!past && c.policy === "request" ? <span className="badge">By request</span> : null}{" "}
        {!past && c.mine ? <span className="badge badge--success">{MINE_LABEL[c.mine]}</span> : null}
      </p>
      <H id={`cat-${c.id}`}>
        <Link to={href}>{c.title}</Link>
      </H>
      <p>
        <SessionTime startIso={c.startsAt} endIso={c.endsAt} seminarZone={c.timeZone} viewerZone={viewerZone} withDay />
      </p>
      {c.venue ? <p className="muted">{c.venue}</p> : null}
      {c.summary ? <p>{c.summary}</p> : null}
      {c.instructors.length ? (
        <p>
          With{" "}
          {c.instructors.map((i, n) => (
            <span key={i.id}>
              {n ? ", " : ""}
              <Link to={i.href}>{i.name}</Link>
            </span>
          ))}
        </p>
      ) : null}
      {c.areas.length || c.jurisdictions.length ? (
        <ul className="chips" aria-label="Practice areas and jurisdictions">
          {c.areas.map((a) => (
            <li key={`a-${a}`}>{a}</li>
          ))}
          {c.jurisdictions.map((j) => (
            <li key={`j-${j}`} className="chips__jurisdiction">
              {j}
            </li>
          ))}
        </ul>
      ) : null}
      {!past ? <p className="catalogue-card__seats">{seatsText(c)}</p> : null}
    </article>
  );
}
