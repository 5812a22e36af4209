// Issue #20: bookmarks out and in as a Netscape bookmark file, the format every browser exports and imports.
import { desc, eq } from "drizzle-orm";
import { bookmarks } from "../../db/schema";
import { env } from "~/utils/env.server";
import { escapeHtml } from "~/utils/text-formats";
import { flatten, normalizeUrl, parseTags, saveBookmark, selectWithNames, toViews } from "./bookmarks.server";
import type { Viewer } from "./items.server";

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
