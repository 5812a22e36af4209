// Issue #20: the library and shared bookmarks as private Atom feeds, behind a personal feed address
// (feed-token.server.ts): a feed reader cannot sign in, so the secret token stands for its member, checked on every
// fetch (live token, active account, still a member). The library answers a seminar's address or the member's network
// address (/library/feed); bookmarks shared with a seminar only that seminar's. Every entry passes canSee.
import { z } from "zod";
import { listBookmarks } from "~/models/bookmarks.server";
import { resolveFeedToken, resolveNetworkFeedToken } from "~/models/feed-token.server";
import { visibleRefs } from "~/models/items.server";
import { recentDocuments } from "~/models/library-browse.server";
import { renderAtom, tagUri } from "~/services/atom.server";
import { escapeHtml } from "~/services/markdown.server";
import { env } from "~/utils/env.server";
import { KIND_LABELS, LIBRARY_KINDS } from "~/utils/library";
import { atomResponse, notFound } from "./atom-feeds.server";

const LibraryFeedQuery = z.object({
  kind: z.enum(LIBRARY_KINDS).optional().catch(undefined),
  area: z.string().trim().max(60).catch(""),
  jurisdiction: z.string().trim().max(100).catch(""),
});

function feedContext<R extends { user: { id: number; role: "admin" | "member" } }>(r: R | null, requestUrl: string) {
  if (!r) notFound();
  const app = env().APP_URL;
  const url = new URL(requestUrl);
  return {
    r,
    viewer: { id: r.user.id, role: r.user.role },
    app,
    url,
    abs: (p: string) => new URL(p, app).href,
    // The self link keeps the filters (a reader subscribes to exactly this feed).
    self: new URL(url.pathname + url.search, app).href,
  };
}

/** New and updated library documents, optionally of one kind, practice area or jurisdiction. */
export function libraryFeed(token: string, requestUrl: string) {
  // The network library: a seminar's address or the member's network address (members of no seminar have only that).
  const { viewer, app, url, abs, self } = feedContext(resolveNetworkFeedToken(token), requestUrl);
  const p = url.searchParams;
  const q = LibraryFeedQuery.parse({ kind: p.get("kind") || undefined, area: p.get("area") ?? "", jurisdiction: p.get("jurisdiction") ?? "" });
  const docs = recentDocuments({ kind: q.kind, area: q.area || undefined, jurisdiction: q.jurisdiction || undefined, limit: 40 });
  const visible = new Set(visibleRefs(viewer, docs.map((d) => ({ kind: "document" as const, id: d.id }))).map((r) => r.id));
  const shown = docs.filter((d) => visible.has(d.id));
  const narrowed = [q.kind ? KIND_LABELS[q.kind] : "", q.area, q.jurisdiction].filter(Boolean).join(", ");
  return atomResponse(
    renderAtom({
      id: tagUri(app, `library${narrowed ? `/${encodeURIComponent(narrowed)}` : ""}`),
      title: `Colloquy library${narrowed ? ` — ${narrowed}` : ""}`,
      subtitle: "Private feed for members of the network. Do not share this address.",
      link: abs(`/library${url.search}`),
      self,
      updated: shown[0]?.updatedAt ?? new Date(0),
      entries: shown.map((d) => ({
        id: tagUri(app, `document-${d.id}/version-${d.currentVersion}`),
        title: d.currentVersion > 1 ? `${d.title} (version ${d.currentVersion})` : d.title,
        link: abs(`/library/${d.id}`),
        published: d.createdAt,
        updated: d.updatedAt,
        author: "Colloquy library",
        html: [
          `<p>${escapeHtml([KIND_LABELS[d.kind], d.jurisdiction, d.citation].filter(Boolean).join(" · "))}</p>`,
          d.description ? `<p>${escapeHtml(d.description)}</p>` : "",
        ].join(""),
        categories: [KIND_LABELS[d.kind]],
      })),
    }),
  );
}

/** Bookmarks shared with this seminar, optionally with one tag (only those the member may see). */
export function bookmarksFeed(token: string, requestUrl: string) {
  const { r, viewer, app, url, abs, self } = feedContext(resolveFeedToken(token), requestUrl);
  const tag = z.string().trim().toLowerCase().max(40).catch("").parse(url.searchParams.get("tag") ?? "");
  const { bookmarks } = listBookmarks({ viewer, query: { tag, page: 1 }, sharedWith: r.seminar.id });
  return atomResponse(
    renderAtom({
      id: tagUri(app, `seminar-${r.seminar.id}/bookmarks${tag ? `/${encodeURIComponent(tag)}` : ""}`),
      title: `${r.seminar.title} — Shared bookmarks${tag ? ` tagged ${tag}` : ""}`,
      subtitle: "Private feed for members of the seminar. Do not share this address.",
      link: abs(`/bookmarks${tag ? `?tag=${encodeURIComponent(tag)}` : ""}`),
      self,
      updated: bookmarks[0]?.createdAt ?? r.seminar.createdAt,
      entries: bookmarks.map((b) => ({
        id: tagUri(app, `bookmark-${b.id}`),
        title: b.title,
        link: b.external ? b.href : abs(b.href),
        published: b.createdAt,
        updated: b.createdAt,
        author: b.owner.name,
        html: `${b.noteHtml}<p><a href="${escapeHtml(abs(`/bookmarks/${b.id}`))}">Who else saved this</a></p>`,
        categories: b.tags,
      })),
    }),
  );
}
