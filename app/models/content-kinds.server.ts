// Visibility handlers for the portal's original content: seminar posts, comments, wiki pages, profiles, seminars.
// A seminar's content is for its members (and staff); a draft post only for its author.
import type { ItemSummary, KindHandler, Viewer } from "./items.server";
import { prepared } from "./db.server";

type Row = Record<string, unknown>;
const json = (ids: number[]) => JSON.stringify(ids);

function rows(key: string, sql: string, ...params: unknown[]): Row[] {
  return prepared(`kinds:${key}`, (d) => d.$client.prepare(sql)).all(...params) as Row[];
}

/** Seminar ids where the viewer is a member; null for staff (every seminar). */
function seminarsOf(viewer: Viewer): Set<number> | null {
  if (viewer.role === "admin") return null;
  const list = rows("my-seminars", "select seminar_id as id from memberships where user_id = ?", viewer.id);
  return new Set(list.map((r) => r.id as number));
}

function bySeminar(viewer: Viewer, found: Row[], extra: (r: Row) => boolean = () => true): Set<number> {
  const mine = seminarsOf(viewer);
  return new Set(
    found.filter((r) => (mine === null || mine.has(r.seminarId as number)) && extra(r)).map((r) => r.id as number),
  );
}

function summaries(found: Row[], href: (r: Row) => string): Map<number, ItemSummary> {
  return new Map(
    found.map((r) => [r.id as number, { title: String(r.title), href: href(r), seminarId: (r.seminarId as number) ?? null }]),
  );
}

export const postKind: KindHandler = {
  visibleIds(viewer, ids) {
    const found = rows(
      "post-vis",
      "select id, seminar_id as seminarId, status, author_id as authorId from blog_posts where id in (select value from json_each(?))",
      json(ids),
    );
    return bySeminar(viewer, found, (r) => r.status === "published" || r.authorId === viewer.id);
  },
  summarize(ids) {
    const found = rows(
      "post-sum",
      `select p.id, p.seminar_id as seminarId, p.title, s.slug from blog_posts p join seminars s on s.id = p.seminar_id
       where p.id in (select value from json_each(?))`,
      json(ids),
    );
    return summaries(found, (r) => `/s/${r.slug}/blog/${r.id}`);
  },
};

export const commentKind: KindHandler = {
  visibleIds(viewer, ids) {
    const found = rows(
      "comment-vis",
      `select c.id, c.seminar_id as seminarId, c.removed_at as removedAt, p.status, p.author_id as authorId
       from comments c join blog_posts p on p.id = c.post_id where c.id in (select value from json_each(?))`,
      json(ids),
    );
    return bySeminar(viewer, found, (r) => r.removedAt == null && (r.status === "published" || r.authorId === viewer.id));
  },
  summarize(ids) {
    const found = rows(
      "comment-sum",
      `select c.id, c.seminar_id as seminarId, 'Comment on “' || p.title || '”' as title, p.id as postId, s.slug
       from comments c join blog_posts p on p.id = c.post_id join seminars s on s.id = c.seminar_id
       where c.id in (select value from json_each(?))`,
      json(ids),
    );
    return summaries(found, (r) => `/s/${r.slug}/blog/${r.postId}#comment-${r.id}`);
  },
};

export const wikiKind: KindHandler = {
  visibleIds(viewer, ids) {
    const found = rows(
      "wiki-vis",
      "select id, seminar_id as seminarId from wiki_pages where id in (select value from json_each(?))",
      json(ids),
    );
    return bySeminar(viewer, found);
  },
  summarize(ids) {
    const found = rows(
      "wiki-sum",
      `select w.id, w.seminar_id as seminarId, w.title, w.slug as page, s.slug from wiki_pages w
       join seminars s on s.id = w.seminar_id where w.id in (select value from json_each(?))`,
      json(ids),
    );
    return summaries(found, (r) => `/s/${r.slug}/wiki/${r.page}`);
  },
};

/** A member's profile page is open to every active member; its fields are then filtered by profileFor(). */
export const profileKind: KindHandler = {
  visibleIds(_viewer, ids) {
    const found = rows(
      "profile-vis",
      "select id from users where status = 'active' and id in (select value from json_each(?))",
      json(ids),
    );
    return new Set(found.map((r) => r.id as number));
  },
  summarize(ids) {
    const found = rows(
      "profile-sum",
      "select id, name as title, null as seminarId from users where id in (select value from json_each(?))",
      json(ids),
    );
    return summaries(found, (r) => `/people/${r.id}`);
  },
};

export const seminarKind: KindHandler = {
  visibleIds(viewer, ids) {
    const found = rows("seminar-vis", "select id, id as seminarId from seminars where id in (select value from json_each(?))", json(ids));
    return bySeminar(viewer, found);
  },
  summarize(ids) {
    const found = rows(
      "seminar-sum",
      "select id, id as seminarId, title, slug from seminars where id in (select value from json_each(?))",
      json(ids),
    );
    return summaries(found, (r) => `/s/${r.slug}`);
  },
};
