// Atom 1.0 (RFC 4287) documents for the private feeds (seminar blog, wiki recent changes).
// Entry content is our stored, sanitized HTML, sent escaped as type="html" so no reader has to trust markup in XML.
import { escapeHtml } from "~/utils/text-formats";

export interface AtomEntry {
  /** A permanent, unique IRI (we use tag: URIs, RFC 4151). */
  id: string;
  title: string;
  link: string;
  updated: Date;
  published?: Date;
  author: string;
  html: string;
  categories?: string[];
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  /** The page a person would open (the blog, the wiki). */
  link: string;
  /** This feed's own address (it contains the secret token; readers need it). */
  self: string;
  updated: Date;
  entries: AtomEntry[];
}

// XML 1.0 forbids most control characters even when escaped; drop them.
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function xmlEscape(s: string): string {
  // The HTML escaper, with XML's own name for the apostrophe.
  return escapeHtml(s.replace(INVALID_XML, "")).replace(/&#39;/g, "&apos;");
}

/** tag:host,2026:path — stable ids that do not depend on the secret feed URL. */
export function tagUri(appUrl: string, path: string): string {
  const host = new URL(appUrl).hostname || "colloquy.localhost";
  return `tag:${host},2026:${path}`;
}

export function renderAtom(feed: AtomFeed): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${xmlEscape(feed.id)}</id>`,
    `  <title>${xmlEscape(feed.title)}</title>`,
  ];
  if (feed.subtitle) out.push(`  <subtitle>${xmlEscape(feed.subtitle)}</subtitle>`);
  out.push(
    `  <link rel="alternate" type="text/html" href="${xmlEscape(feed.link)}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(feed.self)}"/>`,
    `  <updated>${feed.updated.toISOString()}</updated>`,
    "  <generator>Colloquy</generator>",
  );
  for (const e of feed.entries) {
    out.push(
      "  <entry>",
      `    <id>${xmlEscape(e.id)}</id>`,
      `    <title type="text">${xmlEscape(e.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xmlEscape(e.link)}"/>`,
      `    <updated>${e.updated.toISOString()}</updated>`,
    );
    if (e.published) out.push(`    <published>${e.published.toISOString()}</published>`);
    out.push(`    <author><name>${xmlEscape(e.author)}</name></author>`);
    for (const c of e.categories ?? []) out.push(`    <category term="${xmlEscape(c)}"/>`);
    out.push(`    <content type="html">${xmlEscape(e.html)}</content>`, "  </entry>");
  }
  out.push("</feed>", "");
  return out.join("\n");
}
