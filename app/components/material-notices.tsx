import { Form, Link } from "@remix-run/react";

export interface MaterialNotice {
  id: number;
  materialId: number;
  title: string;
  version: number;
  seminarSlug: string;
}

/** "A newer version of … exists" and "New material …" for the viewer, until they download it or dismiss. */
export function MaterialNotices({ notices, action }: { notices: MaterialNotice[]; action?: string }) {
  if (!notices.length) return null;
  return (
    <section className="flash notice-list" aria-labelledby="notices-title">
      <h2 id="notices-title" className="notice-list__title">
        Updates for you
      </h2>
      <ul>
        {notices.map((n) => (
          <li key={n.id}>
            {n.version > 1 ? (
              <>
                {`A newer version (version ${n.version}) of `}
                <Link to={`/s/${n.seminarSlug}/materials/${n.materialId}`}>{n.title}</Link> is available.
              </>
            ) : (
              <>
                New material: <Link to={`/s/${n.seminarSlug}/materials/${n.materialId}`}>{n.title}</Link>
              </>
            )}
          </li>
        ))}
      </ul>
      <Form method="post" action={action}>
        <input type="hidden" name="intent" value="dismiss-notices" />
        <button type="submit" className="link-button">
          Mark these as read
        </button>
      </Form>
    </section>
  );
}
