import { Link } from "@remix-run/react";

/** "Who else saved this": only bookmarks the viewer may see are counted and named (bookmarks.server.ts). */
export function WhoElseSaved({ count, people }: { count: number; people: { id: number; name: string }[] }) {
  if (!count) return <p className="muted who-else-saved">Nobody else has saved this yet.</p>;
  return (
    <p className="who-else-saved">
      {count === 1 ? "1 other member saved this" : `${count} other members saved this`}:{" "}
      {people.map((p, i) => (
        <span key={p.id}>
          {i ? ", " : ""}
          <Link to={`/bookmarks?member=${p.id}`}>{p.name}</Link>
        </span>
      ))}
      {count > people.length ? ` and ${count - people.length} more` : ""}
    </p>
  );
}
