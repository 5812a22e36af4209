// Issue #20: shared bookmarks. A bookmark is an outside http(s) link or a reference to an item inside Colloquy
// (an ItemRef), with a title, a markdown note and tags, visible to its owner only, to one seminar, or to the network.
// What a viewer may see is decided once, in bookmarkKind.visibleIds (and its SQL twin visibleClause for lists): a
// bookmark to an item also needs the viewer to be allowed to see that item, so sharing never leaks a title.
import { and, desc, eq, gte, inArray, or, sql, type SQL } from "drizzle-orm";
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
function visibleClause(viewer: Viewer): SQL {
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

function toViews(viewer: Viewer, rows: (Bookmark & { ownerName: string; seminarTitle: string | null; seminarSlug: string | null })[]): BookmarkView[] {
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

function selectWithNames() {
  return db()
    .select({ b: bookmarks, ownerName: users.name, seminarTitle: seminars.title, seminarSlug: seminars.slug })
    .from(bookmarks)
    .innerJoin(users, eq(users.id, bookmarks.userId))
    .leftJoin(seminars, eq(seminars.id, bookmarks.seminarId));
}

const flatten = (rows: { b: Bookmark; ownerName: string; seminarTitle: string | null; seminarSlug: string | null }[]) =>
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
export function listBookmarks({ viewer, query }: { viewer: Viewer; query: BookmarkQuery }): { bookmarks: BookmarkView[]; hasNext: boolean } {
  const where: SQL[] = [visibleClause(viewer)];
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

/** Most-saved links of the last seven days among bookmarks the viewer may see (network-wide or one seminar). */
export function mostSavedThisWeek({ viewer, seminarId, now = new Date() }: { viewer: Viewer; seminarId?: number; now?: Date }) {
  const since = new Date(now.getTime() - 7 * 86400_000);
  const where: SQL[] = [gte(bookmarks.createdAt, since), visibleClause(viewer)];
  if (seminarId) where.push(eq(bookmarks.visibility, "seminar"), eq(bookmarks.seminarId, seminarId));
  else where.push(eq(bookmarks.visibility, "network"));
  const top = db()
    .select({ target: bookmarks.target, n: sql<number>`count(*)`, id: sql<number>`max(${bookmarks.id})` })
    .from(bookmarks)
    .where(and(...where))
    .groupBy(bookmarks.target)
    .orderBy(sql`count(*) DESC`, sql`max(${bookmarks.id}) DESC`)
    .limit(10)
    .all();
  if (!top.length) return [];
  const latest = flatten(selectWithNames().where(inArray(bookmarks.id, top.map((t) => t.id))).all());
  const views = new Map(toViews(viewer, latest).map((v) => [v.id, v]));
  return top.flatMap((t) => {
    const v = views.get(t.id);
    return v ? [{ title: v.title, href: v.href, external: v.external, count: t.n, bookmarkId: v.id }] : [];
  });
}

/** Tags in use among the latest bookmarks the viewer may see (for browsing; bounded work at a million bookmarks). */
export function popularTags({ viewer }: { viewer: Viewer }): { tag: string; n: number }[] {
  const recent = db().select({ id: bookmarks.id }).from(bookmarks).where(visibleClause(viewer)).orderBy(desc(bookmarks.id)).limit(2000);
  return db()
    .select({ tag: bookmarkTags.tag, n: sql<number>`count(*)` })
    .from(bookmarkTags)
    .where(inArray(bookmarkTags.bookmarkId, recent))
    .groupBy(bookmarkTags.tag)
    .orderBy(sql`count(*) DESC`, bookmarkTags.tag)
    .limit(30)
    .all();
}

// ---- Netscape bookmark file (export and import) ------------------------------------------------------------------

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The member's own bookmarks as a Netscape bookmark file, which every browser imports. */
export function exportNetscape({ viewer }: { viewer: Viewer }): string {
  const rows = flatten(selectWithNames().where(eq(bookmarks.userId, viewer.id)).orderBy(desc(bookmarks.createdAt)).limit(20_000).all());
  const views = toViews(viewer, rows);
  const origin = env().APP_URL;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const lines = [
    "<!DOCTYPE NETSCAPE-Bookmark-file-1>",
    "<!-- This is an automatically generated file. It will be read and overwritten. DO NOT EDIT! -->",
    '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">',
    "<TITLE>Bookmarks</TITLE>",
    "<H1>Bookmarks</H1>",
    "<DL><p>",
  ];
  for (const v of views) {
    const href = v.external ? v.href : `${origin}${v.href}`;
    const addDate = Math.floor(v.createdAt.getTime() / 1000);
    const tags = v.tags.length ? ` TAGS="${escapeHtml(v.tags.join(","))}"` : "";
    lines.push(`    <DT><A HREF="${escapeHtml(href)}" ADD_DATE="${addDate}"${tags}>${escapeHtml(v.title)}</A>`);
    const note = byId.get(v.id)?.noteMd;
    if (note) lines.push(`    <DD>${escapeHtml(note)}`);
  }
  lines.push("</DL><p>", "");
  return lines.join("\n");
}

export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
const MAX_IMPORT_LINKS = 5000;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === "#") {
      const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : "";
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}
const stripTags = (s: string) => decodeEntities(s.replace(/<[^>]*>/g, "")).replace(/\s+/g, " ").trim();

export interface ParsedBookmark {
  url: string;
  title: string;
  note: string;
  tags: string[];
}

export type ImportParse = { ok: true; links: ParsedBookmark[]; skipped: number } | { ok: false; error: string };

/**
 * Reads a Netscape bookmark file: every <A HREF> with its title, the <DD> note after it, TAGS, and the folder names
 * (<H3>) around it as tags. Scripts refuse the whole file; links other than http(s) are skipped and counted.
 */
export function parseNetscape(html: string): ImportParse {
  if (html.length > MAX_IMPORT_BYTES) return { ok: false, error: "The file is larger than 2 MB, the most we import at once." };
  if (!/<!DOCTYPE\s+NETSCAPE-Bookmark-file-1>/i.test(html.slice(0, 2000)) && !/<DT>\s*<A\s/i.test(html)) {
    return { ok: false, error: "This is not a bookmark file. Export your bookmarks from the browser as HTML and choose that file." };
  }
  if (/<\s*script\b|<\s*iframe\b|<\s*object\b|<\s*embed\b|\son[a-z]+\s*=/i.test(html)) {
    return { ok: false, error: "The file contains scripts, so it was not imported. Export a clean bookmark file from your browser." };
  }
  const links: ParsedBookmark[] = [];
  let skipped = 0;
  const folders: string[] = [];
  const token = /<H3[^>]*>([\s\S]*?)<\/H3>|<\/DL>|<A\s([^>]*)>([\s\S]*?)<\/A>(?:\s*<DD>([^<]*))?/gi;
  for (const m of html.matchAll(token)) {
    if (m[1] !== undefined) {
      folders.push(stripTags(m[1]));
      continue;
    }
    if (m[0].toUpperCase() === "</DL>") {
      folders.pop();
      continue;
    }
    const attrs = m[2] ?? "";
    const href = /\bHREF\s*=\s*"([^"]*)"/i.exec(attrs)?.[1];
    const url = href ? normalizeUrl(decodeEntities(href)) : null;
    if (!url) {
      skipped++;
      continue;
    }
    if (links.length >= MAX_IMPORT_LINKS) {
      skipped++;
      continue;
    }
    const tagAttr = /\bTAGS\s*=\s*"([^"]*)"/i.exec(attrs)?.[1] ?? "";
    const folderTags = folders.filter((f) => f && !/^(bookmarks( bar| menu)?|other bookmarks|favorites)$/i.test(f));
    links.push({
      url,
      title: (stripTags(m[3] ?? "") || url).slice(0, 300),
      note: m[4] ? decodeEntities(m[4]).trim().slice(0, 5000) : "",
      tags: parseTags([decodeEntities(tagAttr), ...folderTags].join(",")),
    });
  }
  return { ok: true, links, skipped };
}

/** Imports parsed links as the viewer's bookmarks; a link already saved is updated, not doubled. */
export function importBookmarks({ viewer, links, visibility }: { viewer: Viewer; links: ParsedBookmark[]; visibility: "private" | "network" }) {
  let added = 0;
  let updated = 0;
  for (const l of links) {
    const r = saveBookmark({ viewer, input: { url: l.url, title: l.title, note: l.note, tags: l.tags.join(","), visibility } });
    if (r.ok) r.created ? added++ : updated++;
  }
  return { added, updated };
}
