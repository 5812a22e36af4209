import { Link } from "@remix-run/react";
import { LocalTime } from "./local-time";
import { RichText } from "./rich-text";

export interface BookmarkCardData {
  id: number;
  title: string;
  href: string;
  external: boolean;
  noteHtml: string;
  visibility: "private" | "seminar" | "network";
  seminar: { title: string; slug: string } | null;
  owner: { id: number; name: string };
  mine: boolean;
  tags: string[];
  createdAt: string;
}

const AUDIENCE = { private: "Only you", network: "Network" } as const;

/** One bookmark: outside links open in a new tab without opener or referrer. */
export function BookmarkCard({ b }: { b: BookmarkCardData }) {
  return (
    <article className="card bookmark">
      <h2 className="h3">
        {b.external ? (
          <a href={b.href} rel="noopener noreferrer" target="_blank">
            {b.title}
          </a>
        ) : (
          <Link to={b.href}>{b.title}</Link>
        )}
      </h2>
      {b.noteHtml ? <RichText html={b.noteHtml} /> : null}
      <p className="muted">
        Saved by <Link to={`/bookmarks?member=${b.owner.id}`}>{b.mine ? "you" : b.owner.name}</Link> · <LocalTime iso={b.createdAt} /> ·{" "}
        {b.visibility === "seminar" ? `Seminar: ${b.seminar?.title ?? ""}` : AUDIENCE[b.visibility]} · <Link to={`/bookmarks/${b.id}`}>Details</Link>
      </p>
      {b.tags.length ? (
        <p className="tag-list">
          {b.tags.map((t) => (
            <Link key={t} to={`/bookmarks?tag=${encodeURIComponent(t)}`} className="tag">
              {t}
            </Link>
          ))}
        </p>
      ) : null}
    </article>
  );
}
