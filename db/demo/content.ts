// Demo data for issue #6, run by db/seed.ts after the core seed: wiki pages with a few revisions, blog posts with
// tags, comments and replies, all indexed for search. Texts live in content/demo/wiki-and-blogs.json.
import { eq } from "drizzle-orm";
import fs from "node:fs";
import path from "node:path";
import type { SeedContext, SeedDB } from "../seed";
import * as schema from "../schema";
import type { DB } from "../../app/models/db.server";
import { indexDocument } from "../../app/models/search.server";
import { renderWikiMarkdown, wikiPath, wikiSlug } from "../../app/models/wiki.server";
import { htmlToText, renderMarkdown } from "../../app/services/markdown.server";

interface DemoRevision {
  author: string;
  daysAgo: number;
  note: string;
  body: string;
}
interface DemoComment {
  author: string;
  daysAgo: number;
  body: string;
  replies?: DemoComment[];
}
interface DemoPost {
  author: string;
  daysAgo: number;
  title: string;
  tags: string[];
  pinned?: boolean;
  body: string;
  comments?: DemoComment[];
}
interface DemoContent {
  seminars: Record<string, { wiki: { title: string; revisions: DemoRevision[] }[]; posts: DemoPost[] }>;
}

const HOUR = 3600_000;

export async function seedContent(db: SeedDB, ctx: SeedContext, now = new Date()): Promise<void> {
  const file = path.resolve(process.cwd(), "content/demo/wiki-and-blogs.json");
  const demo = JSON.parse(fs.readFileSync(file, "utf8")) as DemoContent;
  const conn = db as unknown as DB;
  const at = (daysAgo: number, offsetHours = 0) => new Date(now.getTime() - daysAgo * 24 * HOUR + offsetHours * HOUR);
  const who = (email: string) => {
    const id = ctx.usersByEmail.get(email);
    if (!id) throw new Error(`content/demo/wiki-and-blogs.json: unknown demo author ${email}`);
    return id;
  };
  const activity = (seminarId: number, actorId: number, kind: string, summary: string, href: string, createdAt: Date) =>
    db.insert(schema.seminarActivity).values({ seminarId, actorId, kind, summary, href, createdAt }).run();

  for (const [slug, content] of Object.entries(demo.seminars)) {
    const seminarId = ctx.seminarsBySlug.get(slug);
    if (!seminarId) continue;
    const seminar = { id: seminarId, slug };
    conn.$client.transaction(() => {
      // Wiki pages, revision by revision.
      const pages: { id: number; bodyMd: string }[] = [];
      for (const page of content.wiki) {
        const pageSlug = wikiSlug(page.title);
        const first = page.revisions[0]!;
        const created = db
          .insert(schema.wikiPages)
          .values({
            seminarId,
            slug: pageSlug,
            title: page.title,
            revision: 0,
            createdById: who(first.author),
            updatedById: who(first.author),
            createdAt: at(first.daysAgo),
            updatedAt: at(first.daysAgo),
          })
          .returning()
          .get();
        page.revisions.forEach((rev, i) => {
          const html = renderMarkdown(rev.body);
          db.insert(schema.wikiRevisions)
            .values({
              pageId: created.id,
              seminarId,
              number: i + 1,
              title: page.title,
              bodyMd: rev.body,
              bodyHtml: html,
              note: rev.note || (i === 0 ? "Created the page" : ""),
              authorId: who(rev.author),
              createdAt: at(rev.daysAgo),
            })
            .run();
          db.update(schema.wikiPages)
            .set({ bodyMd: rev.body, revision: i + 1, updatedById: who(rev.author), updatedAt: at(rev.daysAgo) })
            .where(eq(schema.wikiPages.id, created.id))
            .run();
          activity(
            seminarId,
            who(rev.author),
            "wiki",
            i === 0 ? `New wiki page “${page.title}”` : `Edited the wiki page “${page.title}”${rev.note ? `: ${rev.note}` : ""}`,
            wikiPath(slug, pageSlug),
            at(rev.daysAgo),
          );
        });
        pages.push({ id: created.id, bodyMd: page.revisions[page.revisions.length - 1]!.body });
      }
      // With every page in place, [[links]] resolve: render the stored HTML (pages and revisions) and index.
      for (const p of pages) {
        const r = renderWikiMarkdown(p.bodyMd, seminar, conn);
        if (!r.ok) throw new Error(r.error);
        const page = db.update(schema.wikiPages).set({ bodyHtml: r.html }).where(eq(schema.wikiPages.id, p.id)).returning().get();
        db.update(schema.wikiRevisions).set({ bodyHtml: r.html }).where(eq(schema.wikiRevisions.pageId, p.id)).run();
        indexDocument({ kind: "wiki", id: page.id, seminarId, title: page.title, body: htmlToText(r.html, 100_000), path: `wiki/${encodeURIComponent(page.slug)}`, conn });
      }
      // Per-revision HTML with resolved links (the loop above set every revision to the latest HTML; fix older ones).
      for (const rev of db.select().from(schema.wikiRevisions).where(eq(schema.wikiRevisions.seminarId, seminarId)).all()) {
        const r = renderWikiMarkdown(rev.bodyMd, seminar, conn);
        if (r.ok) db.update(schema.wikiRevisions).set({ bodyHtml: r.html }).where(eq(schema.wikiRevisions.id, rev.id)).run();
      }

      // Blog posts with comments and replies.
      for (const p of content.posts) {
        const html = renderMarkdown(p.body);
        const post = db
          .insert(schema.blogPosts)
          .values({
            seminarId,
            authorId: who(p.author),
            title: p.title,
            bodyMd: p.body,
            bodyHtml: html,
            status: "published",
            publishedAt: at(p.daysAgo),
            pinnedAt: p.pinned ? at(p.daysAgo) : null,
            createdAt: at(p.daysAgo),
            updatedAt: at(p.daysAgo),
          })
          .returning()
          .get();
        if (p.tags.length) db.insert(schema.blogPostTags).values(p.tags.map((tag) => ({ postId: post.id, seminarId, tag }))).run();
        indexDocument({ kind: "post", id: post.id, seminarId, title: post.title, body: htmlToText(html, 100_000), path: `blog/${post.id}`, conn });
        activity(seminarId, who(p.author), "post", `New blog post “${p.title}”`, `/s/${slug}/blog/${post.id}`, at(p.daysAgo));
        let offset = 1;
        const addComment = (c: DemoComment, parentId: number | null) => {
          const body = renderMarkdown(c.body);
          const row = db
            .insert(schema.comments)
            .values({ postId: post.id, seminarId, parentId, authorId: who(c.author), bodyMd: c.body, bodyHtml: body, createdAt: at(c.daysAgo, offset++) })
            .returning()
            .get();
          indexDocument({
            kind: "comment",
            id: row.id,
            seminarId,
            title: `Comment on “${post.title}”`,
            body: htmlToText(body, 20_000),
            path: `blog/${post.id}#comment-${row.id}`,
            conn,
          });
          return row.id;
        };
        for (const c of p.comments ?? []) {
          const id = addComment(c, null);
          for (const r of c.replies ?? []) addComment(r, id);
        }
      }
    })();
  }
}
