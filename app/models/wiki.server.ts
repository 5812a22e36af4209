// Seminar wikis (issue #6): pages with readable addresses, every save a revision (rendered HTML stored with it),
// restore as a new revision, and optimistic concurrency so a second save never silently overwrites the first.
import { and, asc, desc, eq, inArray, lt, sql } from "drizzle-orm";
import { seminars, wikiPages, wikiRevisions } from "../../db/schema";
import { recordActivity } from "./activity.server";
import { db, prepared, writeTransaction, type DB } from "./db.server";
import { indexDocument } from "./search.server";
import type { SeminarAccess } from "./seminar.server";
import { htmlToText, tryRenderMarkdown } from "~/services/markdown.server";
import { env } from "~/utils/env.server";

import { WIKI_BODY_MAX, WIKI_NOTE_MAX, WIKI_TITLE_MAX } from "~/utils/content-limits";
import { notifyMentions } from "./mentions.server";

export { WIKI_BODY_MAX, WIKI_NOTE_MAX, WIKI_TITLE_MAX };

export type WikiPage = typeof wikiPages.$inferSelect;
export type WikiRevision = typeof wikiRevisions.$inferSelect;

/** "Breach response (EU)" → "breach-response-eu": lower-case letters and digits joined by hyphens. */
export function wikiSlug(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return slug || "page";
}

export function wikiPath(seminarSlug: string, pageSlug: string): string {
  return `/s/${seminarSlug}/wiki/${encodeURIComponent(pageSlug)}`;
}

/** May this viewer edit the seminar's wiki? The seminar's wikiEditPolicy decides. */
export function canEditWiki(access: Pick<SeminarAccess, "seminar" | "role" | "canManage">): boolean {
  if (access.canManage) return true;
  return access.seminar.wikiEditPolicy === "members" && access.role !== null;
}

/** Markdown → stored HTML, with [[Page name]] links resolved against this seminar's pages (missing ones marked). */
export function renderWikiMarkdown(
  md: string,
  seminar: { id: number; slug: string },
  conn: Pick<DB, "select"> = db(),
): { ok: true; html: string } | { ok: false; error: string } {
  const titles = [...md.matchAll(/\[\[([^\]\n|]{1,120})(?:\|[^\]\n]{1,120})?\]\]/g)].slice(0, 500).map((m) => wikiSlug(m[1]!));
  const existing = new Set(
    titles.length
      ? conn
          .select({ slug: wikiPages.slug })
          .from(wikiPages)
          .where(and(eq(wikiPages.seminarId, seminar.id), inArray(wikiPages.slug, [...new Set(titles)])))
          .all()
          .map((r) => r.slug)
      : [],
  );
  return tryRenderMarkdown(md, {
    siteOrigin: new URL(env().APP_URL).origin,
    wikiLink: (title) => {
      const slug = wikiSlug(title);
      return { href: wikiPath(seminar.slug, slug), exists: existing.has(slug) };
    },
  });
}

export interface WikiListItem {
  slug: string;
  title: string;
  revision: number;
  updatedAt: Date;
  updatedById: number | null;
}

/** The page index, alphabetical (bounded: a seminar wiki with more pages pages through them). */
export function listWikiPages({ seminarId, limit = 500 }: { seminarId: number; limit?: number }): WikiListItem[] {
  return db()
    .select({
      slug: wikiPages.slug,
      title: wikiPages.title,
      revision: wikiPages.revision,
      updatedAt: wikiPages.updatedAt,
      updatedById: wikiPages.updatedById,
    })
    .from(wikiPages)
    .where(eq(wikiPages.seminarId, seminarId))
    .orderBy(asc(wikiPages.title))
    .limit(limit)
    .all();
}

export function getWikiPage({ seminarId, slug }: { seminarId: number; slug: string }): WikiPage | undefined {
  // Every wiki page view: prepared once (issue #9).
  return prepared("wiki.getWikiPage", (d) =>
    d
      .select()
      .from(wikiPages)
      .where(and(eq(wikiPages.seminarId, sql.placeholder("seminarId")), eq(wikiPages.slug, sql.placeholder("slug"))))
      .prepare(),
  ).get({ seminarId, slug });
}

export function getRevision({ pageId, number }: { pageId: number; number: number }): WikiRevision | undefined {
  return db()
    .select()
    .from(wikiRevisions)
    .where(and(eq(wikiRevisions.pageId, pageId), eq(wikiRevisions.number, number)))
    .get();
}

export const HISTORY_PAGE = 50;

/** Revisions newest first, HISTORY_PAGE at a time (before: a revision number). */
export function listRevisions({ pageId, before }: { pageId: number; before?: number }) {
  return db()
    .select({
      number: wikiRevisions.number,
      title: wikiRevisions.title,
      note: wikiRevisions.note,
      authorId: wikiRevisions.authorId,
      restoredFrom: wikiRevisions.restoredFrom,
      createdAt: wikiRevisions.createdAt,
      size: wikiRevisions.bodyMd,
    })
    .from(wikiRevisions)
    .where(and(eq(wikiRevisions.pageId, pageId), before ? lt(wikiRevisions.number, before) : undefined))
    .orderBy(desc(wikiRevisions.number))
    .limit(HISTORY_PAGE + 1)
    .all()
    .map((r) => ({ ...r, size: r.size.length }));
}

/** Latest changes across the wiki (the "recent changes" list and feed). */
export function listRecentChanges({ seminarId, limit = 20 }: { seminarId: number; limit?: number }) {
  return db()
    .select({
      revisionId: wikiRevisions.id,
      number: wikiRevisions.number,
      title: wikiRevisions.title,
      note: wikiRevisions.note,
      bodyHtml: wikiRevisions.bodyHtml,
      authorId: wikiRevisions.authorId,
      createdAt: wikiRevisions.createdAt,
      slug: wikiPages.slug,
    })
    .from(wikiRevisions)
    .innerJoin(wikiPages, eq(wikiPages.id, wikiRevisions.pageId))
    .where(eq(wikiRevisions.seminarId, seminarId))
    .orderBy(desc(wikiRevisions.createdAt), desc(wikiRevisions.id))
    .limit(Math.min(limit, 100))
    .all();
}

export type SaveResult =
  | { ok: true; page: WikiPage; unchanged?: boolean }
  | { ok: false; field: "title" | "body"; error: string }
  | {
      ok: false;
      conflict: {
        /** The revision saved meanwhile (the one the editor did not see). */
        revision: number;
        title: string;
        bodyMd: string;
        authorId: number | null;
        note: string;
        createdAt: Date;
      };
    };

function writeRevision(
  tx: DB,
  page: WikiPage,
  input: { number: number; title: string; bodyMd: string; bodyHtml: string; note: string; authorId: number; restoredFrom?: number },
) {
  tx.insert(wikiRevisions)
    .values({
      pageId: page.id,
      seminarId: page.seminarId,
      number: input.number,
      title: input.title,
      bodyMd: input.bodyMd,
      bodyHtml: input.bodyHtml,
      note: input.note,
      authorId: input.authorId,
      restoredFrom: input.restoredFrom ?? null,
    })
    .run();
  return tx
    .update(wikiPages)
    .set({
      title: input.title,
      bodyMd: input.bodyMd,
      bodyHtml: input.bodyHtml,
      revision: input.number,
      updatedById: input.authorId,
      updatedAt: new Date(),
    })
    .where(eq(wikiPages.id, page.id))
    .returning()
    .get();
}

function indexPage(page: WikiPage, seminarSlug: string) {
  indexDocument({
    kind: "wiki",
    id: page.id,
    seminarId: page.seminarId,
    title: page.title,
    body: htmlToText(page.bodyHtml, 100_000),
    path: `wiki/${encodeURIComponent(page.slug)}`,
  });
}

/**
 * Creates or updates a page. `baseRevision` is the revision the editor started from (0 for a new page): when the
 * page has moved on since, nothing is saved and the conflict comes back with the other text.
 */
export function saveWikiPage(input: {
  seminar: { id: number; slug: string };
  slug: string | null;
  title: string;
  bodyMd: string;
  note: string;
  baseRevision: number;
  authorId: number;
}): SaveResult {
  const title = input.title.replace(/\s+/g, " ").trim();
  if (!title) return { ok: false, field: "title", error: "Give the page a title." };
  if (title.length > WIKI_TITLE_MAX) return { ok: false, field: "title", error: `Keep the title under ${WIKI_TITLE_MAX} characters.` };
  if (input.bodyMd.length > WIKI_BODY_MAX) {
    return {
      ok: false,
      field: "body",
      error: `The page is too long: ${input.bodyMd.length.toLocaleString("en-US")} characters, at most ${WIKI_BODY_MAX.toLocaleString("en-US")}. Split it into several pages.`,
    };
  }
  const rendered = renderWikiMarkdown(input.bodyMd, input.seminar);
  if (!rendered.ok) return { ok: false, field: "body", error: rendered.error };
  const note = input.note.replace(/\s+/g, " ").trim().slice(0, WIKI_NOTE_MAX);
  const slug = input.slug ?? wikiSlug(title);

  return writeTransaction((tx) => {
    const page = tx
      .select()
      .from(wikiPages)
      .where(and(eq(wikiPages.seminarId, input.seminar.id), eq(wikiPages.slug, slug)))
      .get();
    if (page && page.revision !== input.baseRevision) {
      const theirs = tx
        .select()
        .from(wikiRevisions)
        .where(and(eq(wikiRevisions.pageId, page.id), eq(wikiRevisions.number, page.revision)))
        .get()!;
      // Someone saved exactly the same text meanwhile: nothing to resolve.
      if (theirs.bodyMd === input.bodyMd && theirs.title === title) return { ok: true, page, unchanged: true };
      return {
        ok: false,
        conflict: {
          revision: theirs.number,
          title: theirs.title,
          bodyMd: theirs.bodyMd,
          authorId: theirs.authorId,
          note: theirs.note,
          createdAt: theirs.createdAt,
        },
      };
    }
    if (!page && input.baseRevision !== 0) {
      // The page was edited from a revision that no longer exists (it was deleted or renamed): start it afresh.
      input.baseRevision = 0;
    }
    if (page) {
      if (page.bodyMd === input.bodyMd && page.title === title) return { ok: true, page, unchanged: true };
      const updated = writeRevision(tx, page, {
        number: page.revision + 1,
        title,
        bodyMd: input.bodyMd,
        bodyHtml: rendered.html,
        note,
        authorId: input.authorId,
      });
      indexPage(updated, input.seminar.slug);
      notifyMentions(tx, { ref: { kind: "wiki", id: updated.id }, seminarId: input.seminar.id, actorId: input.authorId, markdown: input.bodyMd, previous: page.bodyMd });
      recordActivity(tx, {
        seminarId: input.seminar.id,
        actorId: input.authorId,
        kind: "wiki",
        summary: `Edited the wiki page “${title}”${note ? `: ${note}` : ""}`,
        href: wikiPath(input.seminar.slug, updated.slug),
      });
      return { ok: true, page: updated };
    }
    const now = new Date();
    const created = tx
      .insert(wikiPages)
      .values({
        seminarId: input.seminar.id,
        slug,
        title,
        bodyMd: input.bodyMd,
        bodyHtml: rendered.html,
        revision: 0,
        createdById: input.authorId,
        updatedById: input.authorId,
        updatedAt: now,
      })
      .returning()
      .get();
    const first = writeRevision(tx, created, {
      number: 1,
      title,
      bodyMd: input.bodyMd,
      bodyHtml: rendered.html,
      note: note || "Created the page",
      authorId: input.authorId,
    });
    // Pages that linked here while it was missing now show a live link.
    refreshLinksTo(tx, input.seminar, slug);
    indexPage(first, input.seminar.slug);
    notifyMentions(tx, { ref: { kind: "wiki", id: first.id }, seminarId: input.seminar.id, actorId: input.authorId, markdown: input.bodyMd });
    recordActivity(tx, {
      seminarId: input.seminar.id,
      actorId: input.authorId,
      kind: "wiki",
      summary: `New wiki page “${title}”`,
      href: wikiPath(input.seminar.slug, slug),
    });
    return { ok: true, page: first };
  });
}

/** Re-renders the current HTML of pages whose text links to `slug` (their stored "missing" link is now live). */
function refreshLinksTo(tx: DB, seminar: { id: number; slug: string }, slug: string) {
  const candidates = tx
    .select({ id: wikiPages.id, bodyMd: wikiPages.bodyMd })
    .from(wikiPages)
    .where(eq(wikiPages.seminarId, seminar.id))
    .limit(2000)
    .all()
    .filter((p) => p.bodyMd.includes("[[") && [...p.bodyMd.matchAll(/\[\[([^\]\n|]{1,120})/g)].some((m) => wikiSlug(m[1]!) === slug));
  for (const p of candidates.slice(0, 200)) {
    const r = renderWikiMarkdown(p.bodyMd, seminar, tx);
    if (r.ok) tx.update(wikiPages).set({ bodyHtml: r.html }).where(eq(wikiPages.id, p.id)).run();
  }
}

/** Restores an old revision by saving its text as a new revision (history is never rewritten). */
export function restoreRevision(input: {
  seminar: { id: number; slug: string };
  page: WikiPage;
  number: number;
  authorId: number;
}): { ok: true; page: WikiPage } | { ok: false; error: string } {
  const old = getRevision({ pageId: input.page.id, number: input.number });
  if (!old) return { ok: false, error: "That revision does not exist." };
  const rendered = renderWikiMarkdown(old.bodyMd, input.seminar);
  if (!rendered.ok) return { ok: false, error: rendered.error };
  return writeTransaction((tx) => {
    const page = tx.select().from(wikiPages).where(eq(wikiPages.id, input.page.id)).get();
    if (!page) return { ok: false as const, error: "The page no longer exists." };
    const updated = writeRevision(tx, page, {
      number: page.revision + 1,
      title: old.title,
      bodyMd: old.bodyMd,
      bodyHtml: rendered.html,
      note: `Restored revision ${old.number}`,
      authorId: input.authorId,
      restoredFrom: old.number,
    });
    indexPage(updated, input.seminar.slug);
    recordActivity(tx, {
      seminarId: input.seminar.id,
      actorId: input.authorId,
      kind: "wiki",
      summary: `Restored revision ${old.number} of the wiki page “${old.title}”`,
      href: wikiPath(input.seminar.slug, updated.slug),
    });
    return { ok: true as const, page: updated };
  });
}

export function setWikiEditPolicy({ seminarId, policy }: { seminarId: number; policy: "members" | "instructors" }) {
  db().update(seminars).set({ wikiEditPolicy: policy }).where(eq(seminars.id, seminarId)).run();
}
