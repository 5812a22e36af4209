import { Link } from "@remix-run/react";
import { MemberLink } from "./member-link";
import { When } from "./when";

export interface QuestionListItemView {
  id: number;
  title: string;
  author: { id: number; name: string; href?: string } | null;
  audience: "network" | "seminar" | "private";
  toInstructors: boolean;
  answerCount: number;
  accepted: boolean;
  closed: boolean;
  createdAt: string;
}

export const FILTER_LABELS = { all: "Newest", unanswered: "Unanswered", unaccepted: "No accepted answer" } as const;

/** The view switch (newest / unanswered / no accepted answer), as links so it works without JavaScript. */
export function QuestionFilters({ base, filter }: { base: string; filter: keyof typeof FILTER_LABELS }) {
  return (
    <nav aria-label="Which questions" className="tag-list">
      <ul>
        {(Object.keys(FILTER_LABELS) as (keyof typeof FILTER_LABELS)[]).map((f) => (
          <li key={f}>
            <Link className="tag" to={f === "all" ? base : `${base}?view=${f}`} aria-current={f === filter ? "page" : undefined}>
              {FILTER_LABELS[f]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function QuestionList({ items, timeZone, empty }: { items: QuestionListItemView[]; timeZone: string; empty: string }) {
  if (!items.length) return <p className="muted">{empty}</p>;
  return (
    <ol className="post-list question-list">
      {items.map((q) => (
        <li key={q.id}>
          <article className="card post-card">
            <h2>
              <Link to={`/questions/${q.id}`}>{q.title}</Link>
            </h2>
            <p className="muted">
              {q.audience === "private" ? <span className="badge">Private, to the instructors</span> : null}
              {q.audience === "seminar" && q.toInstructors ? <span className="badge">To the instructors</span> : null}
              {q.accepted ? <span className="badge badge--success">Answered</span> : null}
              {q.closed ? <span className="badge">Closed</span> : null}{" "}
              {q.author ? <MemberLink member={q.author} /> : <span>A member</span>} · <When iso={q.createdAt} timeZone={timeZone} /> ·{" "}
              {q.answerCount} {q.answerCount === 1 ? "answer" : "answers"}
            </p>
          </article>
        </li>
      ))}
    </ol>
  );
}
