// The one pipeline for user-written text and outside HTML: marked (GFM) -> allowlist sanitizer -> link hardening.
// Nothing else produces HTML for dangerouslySetInnerHTML; components render it with <RichText html=…>.
import { Marked, type Tokens } from "marked";
import { escapeHtml } from "~/utils/text-formats";
import sanitize from "sanitize-html";

export const MARKDOWN_MAX_CHARS = 200_000;
/** Deeper nesting than this is refused before parsing: it is never legitimate and costs the parser dearly. */
const MAX_NESTING = 24;

export class MarkdownRejected extends Error {}

const ALLOWED_TAGS = [
  "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "s", "code", "pre", "blockquote",
  "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub", "input", "span", "img",
  "details", "summary", "abbr", "kbd", "mark",
];

export interface RenderOptions {
  /** Resolves [[Page name]] links (wiki); absent, they render as plain text. */
  wikiLink?: (title: string) => { href: string; exists: boolean } | null;
  /** Origin of this site: links to it are internal and keep no rel hardening. */
  siteOrigin?: string;
}

function isExternal(href: string, siteOrigin?: string): boolean {
  if (href.startsWith("/") && !href.startsWith("//")) return false;
  if (href.startsWith("#")) return false;
  try {
    const u = new URL(href);
    return !siteOrigin || u.origin !== siteOrigin;
  } catch {
    return false;
  }
}

function sanitizeOptions(mode: "markdown" | "feed", siteOrigin?: string): sanitize.IOptions {
  return {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      a: ["href", "title", "rel", "class"],
      img: ["src", "alt", "title", "width", "height"],
      th: ["align"],
      td: ["align"],
      code: ["class"],
      span: ["class"],
      input: ["type", "checked", "disabled"],
      ol: ["start"],
      abbr: ["title"],
    },
    allowedClasses: { code: [/^language-[\w-]+$/], a: ["wikilink", "wikilink--missing"], span: ["wikilink--missing"] },
    // Only http(s) and mailto links survive (feeds: only http and https).
    allowedSchemes: mode === "feed" ? ["http", "https"] : ["http", "https", "mailto"],
    allowedSchemesByTag: { img: [] },
    allowProtocolRelative: false,
    disallowedTagsMode: "discard",
    nonTextTags: ["script", "style", "textarea", "option", "noscript", "template", "iframe", "object", "embed", "title"],
    enforceHtmlBoundary: true,
    parseStyleAttributes: false,
    transformTags: {
      h1: "h2",
      a: (tagName, attribs) => {
        const out: Record<string, string> = { ...attribs };
        delete out.target;
        const href = safeHref(attribs.href ?? "", mode);
        if (href) out.href = href;
        else delete out.href;
        if (href && isExternal(href, siteOrigin)) out.rel = "nofollow ugc noopener noreferrer";
        else delete out.rel;
        return { tagName, attribs: out };
      },
      input: (tagName, attribs) =>
        attribs.type === "checkbox"
          ? { tagName, attribs: { type: "checkbox", disabled: "", ...(attribs.checked !== undefined ? { checked: "" } : {}) } }
          : { tagName: "span", attribs: {} },
      // Images only from this site (CSP img-src 'self'); outside images would tell their host who reads private pages.
      img: (tagName, attribs) => {
        const src = attribs.src ?? "";
        if (src.startsWith("/") && !src.startsWith("//")) return { tagName, attribs };
        return { tagName: "span", attribs: {}, text: attribs.alt ? `[image: ${attribs.alt}]` : "" };
      },
    },
    exclusiveFilter: (frame) => frame.tag === "a" && !frame.attribs.href && !frame.text.trim(),
  };
}

// Characters browsers or older parsers skip inside a URL scheme ("java\tscript:", "\u2028javascript:").
const INVISIBLE = /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/g;

/** The href to keep, or null: only http(s) (and mailto for user text) or a same-site relative path. */
function safeHref(raw: string, mode: "markdown" | "feed"): string | null {
  const compact = raw.replace(INVISIBLE, "");
  if (compact !== raw.trim()) return null;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact)?.[1]?.toLowerCase();
  if (!scheme) return compact.startsWith("//") ? null : compact;
  const allowed = mode === "feed" ? ["http", "https"] : ["http", "https", "mailto"];
  return allowed.includes(scheme) ? compact : null;
}

function checkShape(md: string) {
  if (md.length > MARKDOWN_MAX_CHARS) {
    throw new MarkdownRejected(`The text is too long (at most ${MARKDOWN_MAX_CHARS.toLocaleString("en-US")} characters).`);
  }
  let depth = 0;
  for (const line of md.split("\n", 20_000)) {
    const m = /^[\s>*+\-\d.)]*/.exec(line)?.[0] ?? "";
    const quotes = (m.match(/>/g) ?? []).length;
    const indent = Math.floor(m.replace(/\t/g, "    ").length / 2);
    depth = Math.max(depth, quotes, indent / 2);
    if (depth > MAX_NESTING) throw new MarkdownRejected("The text is nested too deeply to display.");
  }
  if ((md.match(/\|/g) ?? []).length > 20_000) throw new MarkdownRejected("The text has too many table cells to display.");
  if (/(\*\*|__|~~|`){2000,}/.test(md)) throw new MarkdownRejected("The text has too much repeated markup to display.");
}

function makeMarked(opts: RenderOptions) {
  const m = new Marked({ gfm: true, breaks: false, async: false });
  m.use({
    extensions: [
      {
        name: "wikilink",
        level: "inline",
        start: (src: string) => src.indexOf("[["),
        tokenizer(src: string) {
          const match = /^\[\[([^\]\n|]{1,120})(?:\|([^\]\n]{1,120}))?\]\]/.exec(src);
          if (!match) return undefined;
          return { type: "wikilink", raw: match[0], title: match[1]!.trim(), label: (match[2] ?? match[1]!).trim() };
        },
        renderer(token: Tokens.Generic) {
          const label = escapeHtml(token.label as string);
          const target = opts.wikiLink?.(token.title as string);
          if (!target) return label;
          const cls = target.exists ? "wikilink" : "wikilink wikilink--missing";
          const title = target.exists ? "" : ` title="${escapeHtml(`${token.title} (page not written yet)`)}"`;
          return `<a class="${cls}" href="${escapeHtml(target.href)}"${title}>${label}</a>`;
        },
      },
    ],
  });
  return m;
}

export { escapeHtml };

/** Markdown -> safe HTML. Throws MarkdownRejected (with a message for the field) for pathological input. */
export function renderMarkdown(md: string, opts: RenderOptions = {}): string {
  checkShape(md);
  const html = makeMarked(opts).parse(md.replace(/\r\n?/g, "\n")) as string;
  return sanitize(html, sanitizeOptions("markdown", opts.siteOrigin));
}

/** Like renderMarkdown but returns a field error instead of throwing. */
export function tryRenderMarkdown(md: string, opts: RenderOptions = {}): { ok: true; html: string } | { ok: false; error: string } {
  try {
    return { ok: true, html: renderMarkdown(md, opts) };
  } catch (e) {
    if (e instanceof MarkdownRejected) return { ok: false, error: e.message };
    throw e;
  }
}

/** HTML from outside (feed items) -> safe HTML; links keep only http and https. */
export function sanitizeForeignHtml(html: string, siteOrigin?: string): string {
  return sanitize(html.slice(0, MARKDOWN_MAX_CHARS * 2), sanitizeOptions("feed", siteOrigin));
}

/** Plain text of some HTML, whitespace folded; for excerpts, snippets and emails. */
export function htmlToText(html: string, maxChars = 280): string {
  const text = sanitize(html, { allowedTags: [], allowedAttributes: {}, nonTextTags: ["script", "style", "textarea", "noscript", "template", "iframe", "title"] })
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > maxChars ? `${text.slice(0, maxChars - 1).trimEnd()}…` : text;
}
