// Issue #20: shared bookmarks. A bookmark is an outside http(s) link or a reference to an item inside Colloquy
// (an ItemRef), with a title, a markdown note and tags, visible to its owner only, to one seminar, or to the network.
// Most saved and popular tags: bookmarks-popular.server.ts; the Netscape file: bookmarks-netscape.server.ts.
// What a viewer may see is decided once, in bookmarkKind.visibleIds (and its SQL twin visibleClause for lists): a
// bookmark to an item also needs the viewer to be allowed to see that item, so sharing never leaks a title.
import { and, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { bookmarks, bookmarkTags, memberships, seminars, users } from "../../db/schema";
import { BOOKMARK_VISIBILITIES, VISIBILITY_LABELS, type BookmarkVisibility } from "~/utils/library";
import { htmlToText, renderMarkdown } from "~/services/markdown.server";
import { env } from "~/utils/env.server";
import { countActivity } from "./counts.server";
import { db, writeTransaction, type DB } from "./db.server";
import { summarizeVisible, visibleRefs, refKey, type ItemKind, type ItemRef, type ItemSummary, type KindHandler, type Viewer } from "./items.server";
import { indexDocument, removeDocument } from "./search.server";

export type Bookmark = typeof bookmarks.$inferSelect;
export { BOOKMARK_VISIBILITIES, VISIBILITY_LABELS, type BookmarkVisibility };


const REF_KINDS = ["question", "answer", "post", "comment", "wiki", "job", "document", "profile", "seminar"] as const;
const REF_RE = new RegExp(`^(${REF_KINDS.join("|")}):([1-9]\\d{0,9})$`);

export function parseRef(raw: string | null | undefined): ItemRef | null {
  const m = REF_RE.exec(raw ?? "");
  return m ? { kind: m[1] as ItemKind, id: Number(m[2]) } : null;
}

/** Only http(s) links are saved; the fragment is dropped, so "who else saved this" groups the same page. */
export function normalizeUrl(raw: string): string | null {
  const s = raw.trim();
  if (s.length > 2000) return null;
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return null;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return null;
  if (u.username || u.password) return null;
  u.hash = "";
  return u.href;
}

/** "contracts, GDPR  privacy" → ["contracts", "gdpr", "privacy"]. */
export function parseTags(raw: string): string[] {
  const tags = raw
    .toLowerCase()
    .split(/[\s,;]+/)
    .map((t) => t.replace(/[^\p{L}\p{N}_.-]/gu, "").slice(0, 40))
    .filter(Boolean);
  return [...new Set(tags)].slice(0, 12);
}

export const BookmarkFormSchema = z
  .object({
    ref: z.string().trim().max(40).optional(),
    url: z.string().trim().max(2000, "Keep the link under 2,000 characters.").optional(),
    title: z.string({ error: "Give the bookmark a title." }).trim().min(1, "Give the bookmark a title.").max(300, "Keep the title under 300 characters."),
    note: z.string().trim().max(5000, "Keep the note under 5,000 characters.").default(""),
    tags: z.string().trim().max(300, "Keep the tags under 300 characters.").default(""),
    visibility: z.enum(BOOKMARK_VISIBILITIES, { error: "Choose who may see it." }),
    seminarId: z.coerce.number().int().positive().optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.ref && !v.url) ctx.addIssue({ code: "custom", path: ["url"], message: "Enter the link to save (http:// or https://)." });
    if (v.url && !v.ref && !normalizeUrl(v.url)) ctx.addIssue({ code: "custom", path: ["url"], message: "Only http:// and https:// links can be saved." });
    if (v.ref && !parseRef(v.ref)) ctx.addIssue({ code: "custom", path: ["url"], message: "That item cannot be saved." });
    if (v.visibility === "seminar" && !v.seminarId) ctx.addIssue({ code: "custom", path: ["seminarId"], message: "Choose the seminar that may see it." });
  });
export type BookmarkInput = z.infer<typeof BookmarkFormSchema>;

/** Seminars the viewer belongs to (where they may share a bookmark). */
export function viewerSeminars(viewerId: number): { id: number; slug: string; title: string }[] {
  return db()
    .select({ id: seminars.id, slug: seminars.slug, title: seminars.title })
    .from(memberships)
    .innerJoin(seminars, eq(seminars.id, memberships.seminarId))
    .where(eq(memberships.userId, viewerId))
    .orderBy(seminars.title)
    .all();
}

/** The SQL half of "may see": owner, network, or a seminar the viewer is in (staff see every seminar's). */
export function visibleClause(viewer: Viewer): SQL {
  if (viewer.role === "admin") return or(eq(bookmarks.userId, viewer.id), inArray(bookmarks.visibility, ["network", "seminar"]))!;
  return or(
    eq(bookmarks.userId, viewer.id),
    eq(bookmarks.visibility, "network"),
    and(
      eq(bookmarks.visibility, "seminar"),
      sql`${bookmarks.seminarId} IN (SELECT ${memberships.seminarId} FROM ${memberships} WHERE ${memberships.userId} = ${viewer.id})`,
    ),
  )!;
}

/** The item half: a bookmark to an item shows only to those who may see the item. */
function dropHiddenTargets<T extends { refKind: string | null; refId: number | null }>(viewer: Viewer, rows: T[]): T[] {
  const refs = rows.filter((r) => r.refKind && r.refId).map((r) => ({ kind: r.refKind as ItemKind, id: r.refId! }));
  if (!refs.length) return rows;
  const ok = new Set(visibleRefs(viewer, refs).map(refKey));
  return rows.filter((r) => !r.refKind || ok.has(refKey({ kind: r.refKind as ItemKind, id: r.refId! })));
}

export const bookmarkKind: KindHandler = {
  visibleIds(viewer, ids) {
    if (!ids.length) return new Set();
    const rows = db()
      .select({ id: bookmarks.id, refKind: bookmarks.refKind, refId: bookmarks.refId })
      .from(bookmarks)
      .where(and(inArray(bookmarks.id, ids), visibleClause(viewer)))
      .all();
    return new Set(dropHiddenTargets(viewer, rows).map((r) => r.id));
  },
  summarize(ids) {
    const out = new Map<number, ItemSummary>();
    if (!ids.length) return out;
    const rows = db()
      .select({ id: bookmarks.id, title: bookmarks.title, seminarId: bookmarks.seminarId })
      .from(bookmarks)
      .where(inArray(bookmarks.id, ids))
      .all();
    for (const r of rows) out.set(r.id, { title: r.title, href: `/bookmarks/${r.id}`, seminarId: r.seminarId });
    return out;
  },
};

export type SaveResult = { ok: true; bookmark: Bookmark; created: boolean } | { ok: false; field: string; error: string };

function reindexBookmark(tx: DB, b: Bookmark, tags: string[]) {
  // Bookmarks of items are found through the item itself; outside links are indexed with their audience.
  if (!b.url) return;
  indexDocument({
    conn: tx,
    kind: "bookmark",
    id: b.id,
    seminarId: b.visibility === "seminar" ? b.seminarId : null,
    scope: b.visibility === "private" ? { userId: b.userId } : "network",
    title: b.title,
    body: [b.url, htmlToText(b.noteHtml, 5000), tags.join(" ")].join("\n"),
    path: `/bookmarks/${b.id}`,
  });
}

/** Saves (or updates the viewer's existing bookmark of the same link or item). */
export function saveBookmark({ viewer, input }: { viewer: Viewer; input: BookmarkInput }): SaveResult {
  const ref = parseRef(input.ref);
  const url = ref ? null : normalizeUrl(input.url ?? "");
  if (!ref && !url) return { ok: false, field: "url", error: "Only http:// and https:// links can be saved." };
  if (ref && !visibleRefs(viewer, [ref]).length) return { ok: false, field: "url", error: "That item cannot be saved." };
  let seminarId: number | null = null;
  if (input.visibility === "seminar") {
    if (!viewerSeminars(viewer.id).some((s) => s.id === input.seminarId)) return { ok: false, field: "seminarId", error: "Choose one of your seminars." };
    seminarId = input.seminarId!;
  }
  let noteHtml: string;
  try {
    noteHtml = input.note ? renderMarkdown(input.note, { siteOrigin: env().APP_URL }) : "";
  } catch {
    return { ok: false, field: "note", error: "The note could not be read as markdown. Simplify it and try again." };
  }
  const tags = parseTags(input.tags);
  const target = ref ? refKey(ref) : url!;
  return writeTransaction((tx) => {
    const values = {
      userId: viewer.id,
      target,
      refKind: ref?.kind ?? null,
      refId: ref?.id ?? null,
      url,
      title: input.title,
      noteMd: input.note,
      noteHtml,
      visibility: input.visibility,
      seminarId,
    };
    const existing = tx.select({ id: bookmarks.id }).from(bookmarks).where(and(eq(bookmarks.userId, viewer.id), eq(bookmarks.target, target))).get();
    const bookmark = existing
      ? tx.update(bookmarks).set(values).where(eq(bookmarks.id, existing.id)).returning().get()!
      : tx.insert(bookmarks).values(values).returning().get();
    tx.delete(bookmarkTags).where(eq(bookmarkTags.bookmarkId, bookmark.id)).run();
    if (tags.length) tx.insert(bookmarkTags).values(tags.map((tag) => ({ bookmarkId: bookmark.id, tag }))).run();
    reindexBookmark(tx, bookmark, tags);
    if (!existing) countActivity(tx, { userId: viewer.id, counter: "bookmark.saved", seminarId });
    return { ok: true, bookmark, created: !existing };
  });
}

export function deleteBookmark({ viewer, id }: { viewer: Viewer; id: number }): boolean {
  return writeTransaction((tx) => {
    const r = tx.delete(bookmarks).where(and(eq(bookmarks.id, id), eq(bookmarks.userId, viewer.id))).run();
    if (r.changes) removeDocument({ kind: "bookmark", id, conn: tx });
    return r.changes > 0;
  });
}

export interface BookmarkView {
  id: number;
  title: string;
  /** Where the bookmark leads: the outside link, or the item's own page. */
  href: string;
  external: boolean;
  target: string;
  noteHtml: string;
  visibility: BookmarkVisibility;
  seminar: { title: string; slug: string } | null;
  owner: { id: number; name: string };
  mine: boolean;
  tags: string[];
  createdAt: Date;
}

export function toViews(viewer: Viewer, rows: (Bookmark & { ownerName: string; seminarTitle: string | null; seminarSlug: string | null })[]): BookmarkView[] {
  const visible = dropHiddenTargets(viewer, rows);
  const refs = visible.filter((r) => r.refKind).map((r) => ({ kind: r.refKind as ItemKind, id: r.refId! }));
  const summaries = summarizeVisible(viewer, refs);
  const tags = new Map<number, string[]>();
  if (visible.length) {
    for (const t of db().select().from(bookmarkTags).where(inArray(bookmarkTags.bookmarkId, visible.map((r) => r.id))).orderBy(bookmarkTags.tag).all()) {
      tags.set(t.bookmarkId, [...(tags.get(t.bookmarkId) ?? []), t.tag]);
    }
  }
  const out: BookmarkView[] = [];
  for (const r of visible) {
    const summary = r.refKind ? summaries.get(refKey({ kind: r.refKind as ItemKind, id: r.refId! })) : undefined;
    if (r.refKind && !summary) continue;
    out.push({
      id: r.id,
      title: r.title,
      href: summary?.href ?? r.url!,
      external: !summary,
      target: r.target,
      noteHtml: r.noteHtml,
      visibility: r.visibility,
      seminar: r.seminarTitle && r.seminarSlug ? { title: r.seminarTitle, slug: r.seminarSlug } : null,
      owner: { id: r.userId, name: r.ownerName },
      mine: r.userId === viewer.id,
      tags: tags.get(r.id) ?? [],
      createdAt: r.createdAt,
    });
  }
  return out;
}

export function selectWithNames() {
  return db()
    .select({ b: bookmarks, ownerName: users.name, seminarTitle: seminars.title, seminarSlug: seminars.slug })
    .from(bookmarks)
    .innerJoin(users, eq(users.id, bookmarks.userId))
    .leftJoin(seminars, eq(seminars.id, bookmarks.seminarId));
}

export const flatten = (rows: { b: Bookmark; ownerName: string; seminarTitle: string | null; seminarSlug: string | null }[]) =>
  rows.map((r) => ({ ...r.b, ownerName: r.ownerName, seminarTitle: r.seminarTitle, seminarSlug: r.seminarSlug }));

export function getBookmarkForViewer({ viewer, id }: { viewer: Viewer; id: number }): BookmarkView | null {
  const rows = flatten(selectWithNames().where(and(eq(bookmarks.id, id), visibleClause(viewer))).all());
  return toViews(viewer, rows)[0] ?? null;
}

export const BookmarkQuerySchema = z.object({
  tag: z.string().trim().toLowerCase().max(40).catch(""),
  member: z.coerce.number().int().positive().optional().catch(undefined),
  mine: z.literal("1").optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).catch(1),
});
export type BookmarkQuery = z.infer<typeof BookmarkQuerySchema>;

const PAGE_SIZE = 30;

/** Bookmarks this viewer may see, newest first; by tag, by member, or only their own. */
export function listBookmarks({
  viewer,
  query,
  sharedWith,
}: {
  viewer: Viewer;
  query: BookmarkQuery;
  /** Only bookmarks shared with this seminar (its private feed). */
  sharedWith?: number;
}): { bookmarks: BookmarkView[]; hasNext: boolean } {
  const where: SQL[] = [visibleClause(viewer)];
  if (sharedWith) where.push(eq(bookmarks.visibility, "seminar"), eq(bookmarks.seminarId, sharedWith));
  if (query.mine) where.push(eq(bookmarks.userId, viewer.id));
  else if (query.member) where.push(eq(bookmarks.userId, query.member));

  // Ids first, from the bookmarks table alone walked newest first (ids grow with time), then names for one page:
  // joined in one statement, SQLite drove the query from the users table and sorted a million rows.
  // A tag page walks that tag's index entries newest first instead.
  const ids = (
    query.tag
      ? db()
          .select({ id: bookmarks.id })
          .from(bookmarkTags)
          .innerJoin(bookmarks, eq(bookmarks.id, bookmarkTags.bookmarkId))
          .where(and(eq(bookmarkTags.tag, query.tag), ...where))
          .orderBy(desc(bookmarkTags.bookmarkId))
      : db().select({ id: bookmarks.id }).from(bookmarks).where(and(...where)).orderBy(desc(bookmarks.id))
  )
    .limit(PAGE_SIZE + 1)
    .offset((query.page - 1) * PAGE_SIZE)
    .all()
    .map((r) => r.id);
  const page = ids.slice(0, PAGE_SIZE);
  const rows = page.length ? flatten(selectWithNames().where(inArray(bookmarks.id, page)).orderBy(desc(bookmarks.id)).all()) : [];
  return { bookmarks: toViews(viewer, rows), hasNext: ids.length > PAGE_SIZE };
}

/** Others who saved the same link or item, counting only bookmarks this viewer may see. */
export function whoElseSaved({ viewer, target }: { viewer: Viewer; target: string }): { count: number; people: { id: number; name: string }[] } {
  const rows = db()
    .select({ id: bookmarks.id, refKind: bookmarks.refKind, refId: bookmarks.refId, userId: bookmarks.userId, name: users.name })
    .from(bookmarks)
    .innerJoin(users, eq(users.id, bookmarks.userId))
    .where(and(eq(bookmarks.target, target), sql`${bookmarks.userId} <> ${viewer.id}`, visibleClause(viewer)))
    .orderBy(desc(bookmarks.createdAt))
    .limit(500)
    .all();
  const visible = dropHiddenTargets(viewer, rows);
  return { count: visible.length, people: visible.slice(0, 20).map((r) => ({ id: r.userId, name: r.name })) };
}

/** The viewer's own bookmark of a link or item, if any. */
export function myBookmarkOf({ viewerId, target }: { viewerId: number; target: string }) {
  return db().select({ id: bookmarks.id }).from(bookmarks).where(and(eq(bookmarks.userId, viewerId), eq(bookmarks.target, target))).get() ?? null;
}

/** The viewer's own bookmark of a link or item as form values (to edit it), or null. */
export function ownBookmarkFormValues({ viewerId, target }: { viewerId: number; target: string }) {
  const b = db().select().from(bookmarks).where(and(eq(bookmarks.userId, viewerId), eq(bookmarks.target, target))).get();
  if (!b) return null;
  const tags = db().select({ tag: bookmarkTags.tag }).from(bookmarkTags).where(eq(bookmarkTags.bookmarkId, b.id)).all();
  return {
    url: b.url ?? "",
    title: b.title,
    note: b.noteMd,
    tags: tags.map((t) => t.tag).join(", "),
    visibility: b.visibility as string,
    seminarId: b.seminarId ? String(b.seminarId) : "",
  };
}

