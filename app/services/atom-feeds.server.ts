// Builds the private Atom feeds (blog, wiki recent changes) for a resolved feed token.
import { listFeedPosts, postPath, tagsFor } from "~/models/blog.server";
import { resolveFeedToken } from "~/models/feed-token.server";
import { memberNames } from "~/models/profile.server";
import { listFeedQuestions } from "~/models/question-lists.server";
import { questionPath } from "~/models/question-kinds.server";
import { listRecentChanges, wikiPath } from "~/models/wiki.server";
import { renderAtom, tagUri } from "~/services/atom.server";
import { escapeHtml } from "~/services/markdown.server";
import { env } from "~/utils/env.server";

export function notFound(): never {
  // The same answer for an unknown, revoked or no longer authorised token.
  throw new Response("Not Found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

export function atomResponse(xml: string) {
  return new Response(xml, {
    headers: {
      "Content-Type": "application/atom+xml; charset=utf-8",
      // Private content: no shared caches; the secret URL must not leak through Referer either.
      "Cache-Control": "private, max-age=300",
      "X-Robots-Tag": "noindex",
    },
  });
}

export function blogFeed(token: string, requestUrl: string) {
  const r = resolveFeedToken(token);
  if (!r) notFound();
  const app = env().APP_URL;
  const abs = (p: string) => new URL(p, app).href;
  const posts = listFeedPosts({ seminarId: r.seminar.id });
  const authors = memberNames(posts.map((p) => p.authorId ?? 0));
  const tags = tagsFor(posts.map((p) => p.id));
  const updated = posts.reduce((m, p) => Math.max(m, (p.editedAt ?? p.publishedAt ?? p.createdAt).getTime()), r.seminar.createdAt.getTime());
  return atomResponse(
    renderAtom({
      id: tagUri(app, `seminar-${r.seminar.id}/blog`),
      title: `${r.seminar.title} — Blog`,
      subtitle: "Private feed for members of the seminar. Do not share this address.",
      link: abs(`/s/${r.seminar.slug}/blog`),
      self: new URL(new URL(requestUrl).pathname, app).href,
      updated: new Date(updated),
      entries: posts.map((p) => ({
        id: tagUri(app, `seminar-${r.seminar.id}/post-${p.id}`),
        title: p.title,
        link: abs(postPath(r.seminar.slug, p.id)),
        published: p.publishedAt ?? p.createdAt,
        updated: p.editedAt ?? p.publishedAt ?? p.createdAt,
        author: authors.get(p.authorId ?? 0)?.name ?? "Former member",
        html: p.bodyHtml,
        categories: tags.get(p.id) ?? [],
      })),
    }),
  );
}

/** Issue #14: the seminar's questions this member may see (private ones only for their asker and the instructors). */
export function questionsFeed(token: string, requestUrl: string) {
  const r = resolveFeedToken(token);
  if (!r) notFound();
  const app = env().APP_URL;
  const abs = (p: string) => new URL(p, app).href;
  const items = listFeedQuestions({ seminarId: r.seminar.id, viewer: { id: r.user.id, role: r.user.role } });
  const authors = memberNames(items.map((q) => q.authorId ?? 0));
  const updated = items.reduce((m, q) => Math.max(m, (q.editedAt ?? q.createdAt).getTime()), r.seminar.createdAt.getTime());
  return atomResponse(
    renderAtom({
      id: tagUri(app, `seminar-${r.seminar.id}/questions`),
      title: `${r.seminar.title} — Questions`,
      subtitle: "Private feed for members of the seminar. Do not share this address.",
      link: abs(`/s/${r.seminar.slug}/questions`),
      self: new URL(new URL(requestUrl).pathname, app).href,
      updated: new Date(updated),
      entries: items.map((q) => ({
        id: tagUri(app, `question-${q.id}`),
        title: q.title,
        link: abs(questionPath(q.id)),
        published: q.createdAt,
        updated: q.editedAt ?? q.createdAt,
        author: q.anonymous ? "A seminar member" : (authors.get(q.authorId ?? 0)?.name ?? "Former member"),
        html: q.bodyHtml,
        categories: [],
      })),
    }),
  );
}

export function wikiFeed(token: string, requestUrl: string) {
  const r = resolveFeedToken(token);
  if (!r) notFound();
  const app = env().APP_URL;
  const abs = (p: string) => new URL(p, app).href;
  const changes = listRecentChanges({ seminarId: r.seminar.id, limit: 40 });
  const authors = memberNames(changes.map((c) => c.authorId ?? 0));
  return atomResponse(
    renderAtom({
      id: tagUri(app, `seminar-${r.seminar.id}/wiki`),
      title: `${r.seminar.title} — Wiki changes`,
      subtitle: "Private feed for members of the seminar. Do not share this address.",
      link: abs(`/s/${r.seminar.slug}/wiki`),
      self: new URL(new URL(requestUrl).pathname, app).href,
      updated: changes[0]?.createdAt ?? r.seminar.createdAt,
      entries: changes.map((c) => {
        const page = abs(wikiPath(r.seminar.slug, c.slug));
        const diffLink = c.number > 1 ? `${page}/diff?from=${c.number - 1}&to=${c.number}` : page;
        const intro = `<p>${c.number === 1 ? "New page" : `Revision ${c.number}`}${c.note ? `: ${escapeHtml(c.note)}` : ""} — <a href="${escapeHtml(diffLink)}">${c.number === 1 ? "read it" : "see what changed"}</a></p>`;
        return {
          id: tagUri(app, `seminar-${r.seminar.id}/wiki-revision-${c.revisionId}`),
          title: c.number === 1 ? `New page: ${c.title}` : `${c.title} (revision ${c.number})`,
          link: c.number > 1 ? diffLink : page,
          updated: c.createdAt,
          published: c.createdAt,
          author: authors.get(c.authorId ?? 0)?.name ?? "Former member",
          html: intro + c.bodyHtml,
        };
      }),
    }),
  );
}
