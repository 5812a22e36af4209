// OPML import and export of news sources (issue #7). OPML is a small, flat XML format, read with htmlparser2 in XML
// mode (issue #13): a tokenizer that knows only the five XML entities and numeric references, so entity
// declarations and other XML machinery never run (a DOCTYPE with entities is refused outright before parsing).
import { Parser } from "htmlparser2";
import { escapeHtml } from "~/utils/text-formats";
import { checkFeedUrl, type Result } from "~/services/feed-fetch.server";

export const OPML_MAX_BYTES = 1024 * 1024;
export const OPML_MAX_SOURCES = 500;

export interface OpmlSource {
  url: string;
  name: string;
  tags: string[];
}

function splitTags(category: string): string[] {
  return category
    .split(",")
    .map((c) => c.trim().replace(/^\/+/, "").split("/").pop()!.trim().toLowerCase())
    .filter(Boolean);
}

/** Reads the feed outlines of an OPML document; folder outlines become tags of the feeds inside them. */
export function parseOpml(text: string): Result<{ sources: OpmlSource[]; skipped: number }> {
  if (text.length > OPML_MAX_BYTES) return { ok: false, error: "The OPML file is larger than 1 MB." };
  if (/<!ENTITY|<!DOCTYPE[^>[]*\[/i.test(text)) {
    return { ok: false, error: "The OPML file declares XML entities, which the portal refuses for safety." };
  }
  if (!/<opml[\s>]/i.test(text)) return { ok: false, error: "This is not an OPML file (it has no <opml> element)." };
  const sources: OpmlSource[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  const folders: (string | null)[] = [];
  const take = (attrs: Record<string, string>) => {
    const xmlUrl = attrs.xmlurl;
    if (!xmlUrl) return;
    const checked = checkFeedUrl(xmlUrl);
    if (!checked.ok || seen.has(checked.value) || sources.length >= OPML_MAX_SOURCES) {
      skipped++;
      return;
    }
    seen.add(checked.value);
    const folderTags = folders.filter((f): f is string => !!f).map((f) => f.toLowerCase());
    const tags = attrs.category ? splitTags(attrs.category) : folderTags;
    sources.push({
      url: checked.value,
      name: (attrs.title || attrs.text || new URL(checked.value).hostname).slice(0, 120),
      tags: [...new Set(tags)].slice(0, 12),
    });
  };
  const parser = new Parser(
    {
      onopentag(name, raw) {
        if (name.toLowerCase() !== "outline") return;
        // Attribute names are matched without regard to case (xmlUrl, xmlurl); values come decoded.
        const attrs: Record<string, string> = {};
        for (const [k, v] of Object.entries(raw)) attrs[k.toLowerCase()] ??= v.trim();
        take(attrs);
        // Outlines nest: a folder (no feed address) names the feeds inside it; a feed's own children get no folder.
        folders.push(attrs.xmlurl ? null : attrs.text || attrs.title || null);
      },
      onclosetag(name) {
        if (name.toLowerCase() === "outline") folders.pop();
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(text);
  if (!sources.length && !skipped) return { ok: false, error: "The OPML file lists no feeds." };
  return { ok: true, value: { sources, skipped } };
}

type OpmlOut = { url: string; name: string; siteUrl?: string | null; tags: string[] };

/** An OPML 2.0 document of the given sources; tags go into the category attribute, folders become outer outlines. */
export function toOpml({
  title,
  sources,
  folders = [],
}: {
  title: string;
  sources: OpmlOut[];
  folders?: { name: string; sources: OpmlOut[] }[];
}): string {
  const attr = (s: string) => escapeHtml(s).replace(/\n/g, "&#10;");
  const line = (s: OpmlOut, indent: string) =>
    `${indent}<outline type="rss" text="${attr(s.name)}" title="${attr(s.name)}" xmlUrl="${attr(s.url)}"${
      s.siteUrl ? ` htmlUrl="${attr(s.siteUrl)}"` : ""
    }${s.tags.length ? ` category="${attr(s.tags.join(","))}"` : ""}/>`;
  const lines = [
    ...sources.map((s) => line(s, "    ")),
    ...folders.flatMap((f) => [`    <outline text="${attr(f.name)}" title="${attr(f.name)}">`, ...f.sources.map((s) => line(s, "      ")), "    </outline>"]),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head>
    <title>${attr(title)}</title>
    <dateCreated>${new Date().toUTCString()}</dateCreated>
  </head>
  <body>
${lines.join("\n")}
  </body>
</opml>
`;
}
