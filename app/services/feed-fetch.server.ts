// The safe feed fetcher (issue #7). The portal fetches feeds itself (node:http/https) and hands only the decoded
// text to rss-parser's parseString, so every limit is ours:
//  - only public addresses (feed-address.server.ts), checked for the URL, every redirect and every DNS answer; the
//    connection goes to the very IP that was checked (a custom `lookup` pins it, so DNS rebinding cannot switch it);
//  - connect and total time limits, a size cap counted while streaming (after decompression), at most 3 redirects;
//  - DOCTYPEs that declare entities are refused before parsing (billion laughs, external entities);
//  - text is decoded by the declared charset (BOM, Content-Type, XML prolog), with a windows-1252 fallback;
//  - item HTML goes through sanitizeForeignHtml; links keep only http and https.
// Results are { ok: true, value } | { ok: false, error } with the error in plain words for the source's status.
import { Resolver, lookup as dnsLookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import zlib from "node:zlib";
import { z } from "zod";
import { htmlToText, sanitizeForeignHtml } from "~/services/markdown.server";
import { isAllowedHost, nonPublicReason, parseAllowedHosts } from "~/services/feed-address.server";
import { parseInWorker } from "~/services/feed-parser.server";
import { env } from "~/utils/env.server";

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export interface FetchLimits {
  connectTimeoutMs: number;
  totalTimeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
}

export const DEFAULT_LIMITS: FetchLimits = {
  connectTimeoutMs: 5_000,
  totalTimeoutMs: 15_000,
  maxBytes: 3 * 1024 * 1024,
  maxRedirects: 3,
};

export interface FetchFeedOptions {
  etag?: string | null;
  lastModified?: string | null;
  limits?: Partial<FetchLimits>;
  /** Defaults to FEED_ALLOWED_HOSTS. */
  allowedHosts?: string;
  /** Name resolution (tests substitute one to play a rebinding DNS server). */
  resolve?: (host: string) => Promise<{ address: string; family: number }[]>;
}

export interface FeedItem {
  guid: string | null;
  link: string | null;
  title: string;
  excerpt: string;
  html: string;
  publishedAt: Date | null;
  /** Unsafe parts (scripts, javascript: links…) were removed from this item. */
  cleaned: boolean;
}

export interface ParsedFeed {
  title: string;
  siteUrl: string | null;
  items: FeedItem[];
}

export type FetchedFeed =
  | { notModified: true; etag: string | null; lastModified: string | null }
  | { notModified: false; feed: ParsedFeed; etag: string | null; lastModified: string | null; finalUrl: string };

const USER_AGENT = "Colloquy-FeedFetcher/1.0 (+members-only legal news reader)";
const MAX_ITEMS = 100;

class FeedError extends Error {}
const fail = (message: string): never => {
  throw new FeedError(message);
};

/** Checks a feed address as a person typed it; returns the normalised URL or a sentence for the form. */
export function checkFeedUrl(input: string): Result<string> {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, error: "Enter the full feed address, starting with https:// or http://." };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { ok: false, error: "Only http:// and https:// feed addresses are supported." };
  }
  if (url.username || url.password) return { ok: false, error: "Feed addresses with a user name or password are not supported." };
  url.hash = "";
  return { ok: true, value: url.toString() };
}

/** The IP to connect to for this URL, after the public-address rule (or the allow list). */
async function vetTarget(url: URL, allowed: Set<string>, resolve: FetchFeedOptions["resolve"], deadline: number) {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const listed = isAllowedHost(url, allowed);
  if (isIP(host)) {
    const why = nonPublicReason(host);
    if (why && !listed) fail(`The feed address points to ${why} (${host}), which the portal does not fetch from.`);
    return { address: host, family: isIP(host) };
  }
  let answers: { address: string; family: number }[];
  try {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new FeedError(`Looking up the host name ${host} took too long.`)), Math.max(1, deadline - Date.now()));
    });
    try {
      answers = await Promise.race([resolve ? resolve(host) : defaultResolve(host, listed), late]);
    } finally {
      clearTimeout(timer);
    }
  } catch (e) {
    if (e instanceof FeedError) throw e;
    return fail(`The host name ${host} could not be found.`);
  }
  if (!answers.length) fail(`The host name ${host} could not be found.`);
  if (!listed) {
    // Every answer must be public: a mixed answer is how rebinding attacks start.
    for (const a of answers) {
      const why = nonPublicReason(a.address);
      if (why) fail(`The host ${host} resolves to ${why} (${a.address}), which the portal does not fetch from.`);
    }
  }
  return answers[0]!;
}

/**
 * DNS through c-ares with its own time limit (a hanging resolver must not tie up libuv's shared thread pool, which
 * the rest of the server uses for files). The system resolver (hosts file) is only asked for allow-listed hosts.
 */
async function defaultResolve(host: string, allowListed = false): Promise<{ address: string; family: number }[]> {
  const resolver = new Resolver({ timeout: 3000, tries: 2 });
  const [v4, v6] = await Promise.allSettled([resolver.resolve4(host), resolver.resolve6(host)]);
  const answers = [
    ...(v4.status === "fulfilled" ? v4.value.map((address) => ({ address, family: 4 })) : []),
    ...(v6.status === "fulfilled" ? v6.value.map((address) => ({ address, family: 6 })) : []),
  ];
  if (!answers.length && allowListed) return dnsLookup(host, { all: true, verbatim: true });
  return answers;
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  url: string;
}

function requestOnce(
  url: URL,
  target: { address: string; family: number },
  headers: Record<string, string>,
  limits: FetchLimits,
  deadline: number,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    // The connection may only go to the address we checked.
    const pinned: LookupFunction = (_host, options, cb) => {
      if ((options as { all?: boolean }).all) {
        (cb as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [target]);
      } else cb(null, target.address, target.family);
    };
    const mod = url.protocol === "https:" ? https : http;
    let settled = false;
    const done = (err: Error | null, value?: RawResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(totalTimer);
      clearTimeout(connectTimer);
      if (err) {
        req.destroy();
        reject(err);
      } else resolve(value!);
    };
    const req = mod.request(url, {
      method: "GET",
      headers,
      lookup: pinned,
      agent: false,
      // TLS still verifies the certificate against the host name, not the pinned IP.
      servername: isIP(url.hostname.replace(/^\[|\]$/g, "")) ? undefined : url.hostname,
    });
    const remaining = Math.max(1, deadline - Date.now());
    const totalTimer = setTimeout(
      () => done(new FeedError(`The server did not send the whole feed within ${Math.round(limits.totalTimeoutMs / 1000)} seconds.`)),
      remaining,
    );
    const connectTimer = setTimeout(
      () => done(new FeedError(`The server did not accept a connection within ${Math.round(limits.connectTimeoutMs / 1000)} seconds.`)),
      Math.min(limits.connectTimeoutMs, remaining),
    );
    req.on("socket", (socket) => {
      socket.once(url.protocol === "https:" ? "secureConnect" : "connect", () => clearTimeout(connectTimer));
    });
    req.on("error", (e: NodeJS.ErrnoException) => done(new FeedError(networkError(e, url))));
    req.on("response", (res) => {
      clearTimeout(connectTimer);
      const status = res.statusCode ?? 0;
      res.on("error", () => done(new FeedError("The server closed the connection before the feed was complete.")));
      if (status < 200 || status >= 300) {
        // Redirects and errors: the headers say it all. Their bodies are never read (one could be endless).
        done(null, { status, headers: res.headers, body: Buffer.alloc(0), url: url.toString() });
        res.destroy();
        return;
      }
      const declared = Number(res.headers["content-length"]);
      if (Number.isFinite(declared) && declared > limits.maxBytes) {
        done(new FeedError(tooLarge(limits.maxBytes)));
        return;
      }
      let stream: NodeJS.ReadableStream = res;
      const encoding = String(res.headers["content-encoding"] ?? "").toLowerCase().trim();
      if (encoding === "gzip" || encoding === "x-gzip") stream = res.pipe(zlib.createGunzip());
      else if (encoding === "deflate") stream = res.pipe(zlib.createInflate());
      else if (encoding === "br") stream = res.pipe(zlib.createBrotliDecompress());
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (chunk: Buffer) => {
        size += chunk.length;
        // Counted after decompression, so a small compressed bomb stops here too.
        if (size > limits.maxBytes) {
          done(new FeedError(tooLarge(limits.maxBytes)));
          res.destroy();
          return;
        }
        chunks.push(chunk);
      });
      stream.on("error", () => done(new FeedError("The server's compressed response could not be read.")));
      res.on("aborted", () => done(new FeedError("The server closed the connection before the feed was complete.")));
      stream.on("end", () => done(null, { status, headers: res.headers, body: Buffer.concat(chunks), url: url.toString() }));
    });
    req.end();
  });
}

function tooLarge(max: number) {
  return `The feed is larger than ${Math.round(max / 1024 / 1024) || 1} MB, which is more than the portal accepts.`;
}

function networkError(e: NodeJS.ErrnoException, url: URL): string {
  switch (e.code) {
    case "ECONNREFUSED":
      return `The server at ${url.host} refused the connection.`;
    case "ECONNRESET":
      return `The server at ${url.host} closed the connection unexpectedly.`;
    case "ETIMEDOUT":
      return `The connection to ${url.host} timed out.`;
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return `The server at ${url.host} cannot be reached.`;
    default:
      if (e.code?.startsWith("ERR_TLS") || e.code?.includes("CERT") || /certificate/i.test(e.message)) {
        return `The secure connection to ${url.host} failed: its certificate could not be verified.`;
      }
      return `The feed could not be fetched from ${url.host} (${e.code ?? "network error"}).`;
  }
}

const STATUS_WORDS: Record<number, string> = {
  401: "asks for a password",
  403: "refused access",
  404: "says the feed does not exist (404)",
  410: "says the feed is gone for good (410)",
  429: "asked us to slow down (429)",
  500: "had an internal error (500)",
  502: "had a gateway error (502)",
  503: "is temporarily unavailable (503)",
};

/** Fetches and parses a feed; never throws. */
export async function fetchFeed(input: string, opts: FetchFeedOptions = {}): Promise<Result<FetchedFeed>> {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const allowed = parseAllowedHosts(opts.allowedHosts ?? env().FEED_ALLOWED_HOSTS);
  const resolve = opts.resolve;
  const deadline = Date.now() + limits.totalTimeoutMs;
  try {
    const checked = checkFeedUrl(input);
    if (!checked.ok) return checked;
    let url = new URL(checked.value);
    let res: RawResponse | null = null;
    for (let hop = 0; ; hop++) {
      const target = await vetTarget(url, allowed, resolve, deadline);
      const headers: Record<string, string> = {
        "User-Agent": USER_AGENT,
        Accept: "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5",
        "Accept-Encoding": "gzip, deflate, br",
      };
      if (opts.etag) headers["If-None-Match"] = opts.etag;
      if (opts.lastModified) headers["If-Modified-Since"] = opts.lastModified;
      if (Date.now() >= deadline) fail(`The server did not send the whole feed within ${Math.round(limits.totalTimeoutMs / 1000)} seconds.`);
      res = await requestOnce(url, target, headers, limits, deadline);
      if (res.status >= 300 && res.status < 400 && res.status !== 304) {
        const location = res.headers.location;
        if (!location) fail(`The server answered with a redirect (${res.status}) but did not say where to.`);
        if (hop >= limits.maxRedirects) fail(`The feed redirects more than ${limits.maxRedirects} times.`);
        let next: URL;
        try {
          next = new URL(String(location), url);
        } catch {
          return fail("The server redirected to an address that cannot be understood.");
        }
        if (next.protocol !== "http:" && next.protocol !== "https:") fail("The server redirected to an address that is not http or https.");
        if (next.username || next.password) fail("The server redirected to an address with a user name or password.");
        next.hash = "";
        url = next;
        continue;
      }
      break;
    }
    const etag = headerValue(res.headers.etag);
    const lastModified = headerValue(res.headers["last-modified"]);
    if (res.status === 304) return { ok: true, value: { notModified: true, etag: etag ?? opts.etag ?? null, lastModified: lastModified ?? opts.lastModified ?? null } };
    if (res.status >= 400) fail(`The server ${STATUS_WORDS[res.status] ?? `answered with an error (${res.status})`}.`);
    if (res.status !== 200 && res.status !== 203) fail(`The server answered ${res.status} instead of sending the feed.`);
    const text = decodeBody(res.body, headerValue(res.headers["content-type"]));
    const feed = await parseFeedText(text, res.url);
    if (!feed.ok) return feed;
    return { ok: true, value: { notModified: false, feed: feed.value, etag, lastModified, finalUrl: res.url } };
  } catch (e) {
    if (e instanceof FeedError) return { ok: false, error: e.message };
    console.error("[feeds] unexpected failure", e);
    return { ok: false, error: "The feed could not be fetched because of an unexpected problem." };
  }
}

function headerValue(v: string | string[] | undefined): string | null {
  const s = Array.isArray(v) ? v[0] : v;
  return s ? s.slice(0, 500) : null;
}

/** Bytes → text by the declared charset: BOM, then Content-Type, then the XML prolog; UTF-8 with a windows-1252 fallback. */
export function decodeBody(body: Buffer, contentType: string | null): string {
  if (body.length === 0) fail("The server sent an empty response instead of a feed.");
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return decodeAs(body.subarray(3), "utf-8");
  if (body[0] === 0xff && body[1] === 0xfe) return decodeAs(body.subarray(2), "utf-16le");
  if (body[0] === 0xfe && body[1] === 0xff) return decodeAs(body.subarray(2), "utf-16be");
  const fromHeader = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? "")?.[1] ?? null;
  const head = body.subarray(0, 512).toString("latin1");
  const fromProlog = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1] ?? null;
  const declared = [fromHeader, fromProlog].filter((c): c is string => !!c);
  for (const charset of declared) {
    const label = charset.toLowerCase();
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(label, { fatal: true });
    } catch {
      continue;
    }
    try {
      return decoder.encoding === "windows-1252" ? decodeWindows1252(body) : decoder.decode(body);
    } catch {
      // Declared UTF-8 but it is not: a common server misconfiguration; try the next declaration.
    }
  }
  if (declared.length && declared.every((c) => !isKnownCharset(c))) {
    fail(`The feed declares a character encoding the portal does not know (${declared[0]!.slice(0, 40)}).`);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    // Undeclared legacy text: windows-1252 is what browsers assume for it (a superset of ISO-8859-1).
    return decodeWindows1252(body);
  }
}

// 0x80–0x9F in windows-1252 (0 = unassigned, kept as the C1 code point as browsers do).
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

/**
 * WHATWG windows-1252 (which every "iso-8859-1", "latin1" and "us-ascii" label means). Node's TextDecoder decodes it as
 * plain Latin-1 on some versions (nodejs/node#56542), turning curly quotes and dashes into invisible C1 controls.
 */
export function decodeWindows1252(body: Uint8Array): string {
  let out = "";
  for (let i = 0; i < body.length; i += 8192) {
    const chunk = body.subarray(i, i + 8192);
    const codes = new Array<number>(chunk.length);
    for (let j = 0; j < chunk.length; j++) {
      const b = chunk[j]!;
      codes[j] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] || b : b;
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}

function isKnownCharset(label: string): boolean {
  try {
    new TextDecoder(label.toLowerCase());
    return true;
  } catch {
    return false;
  }
}

function decodeAs(body: Buffer, label: string): string {
  if (body.length === 0) fail("The server sent an empty response instead of a feed.");
  return new TextDecoder(label).decode(body);
}

const RawItemSchema = z.object({
  title: z.string().optional(),
  link: z.string().optional(),
  guid: z.unknown().optional(),
  id: z.unknown().optional(),
  isoDate: z.string().optional(),
  pubDate: z.string().optional(),
  content: z.string().optional(),
  "content:encoded": z.string().optional(),
  summary: z.string().optional(),
  contentSnippet: z.string().optional(),
});

/** Parses feed text (already decoded). Entity declarations and HTML pages are refused with a clear error. */
export async function parseFeedText(text: string, baseUrl: string): Promise<Result<ParsedFeed>> {
  try {
    const trimmed = text.replace(/^\uFEFF/, "").trimStart();
    if (!trimmed) fail("The server sent an empty response instead of a feed.");
    // Everything before the root element: where a DOCTYPE and its entity declarations would be.
    const root = /<[A-Za-z]/.exec(trimmed);
    const prolog = root ? trimmed.slice(0, root.index) : trimmed;
    if (/<!ENTITY/i.test(prolog) || /<!DOCTYPE[^>[]*\[/i.test(prolog)) {
      fail("The feed declares its own XML entities (a DOCTYPE with an internal subset); the portal refuses these for safety.");
    }
    if (/^(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/i.test(trimmed)) {
      const alt = /<link\b[^>]*type=["']application\/(?:rss|atom)\+xml["'][^>]*>/i.exec(trimmed)?.[0];
      const href = alt ? /href=["']([^"']+)["']/i.exec(alt)?.[1] : undefined;
      let hint = " Use the address of the site's RSS or Atom feed instead.";
      if (href) {
        try {
          const u = new URL(href.replace(/&amp;/g, "&"), baseUrl);
          if (u.protocol === "http:" || u.protocol === "https:") hint = ` The page names its feed at ${u.toString()}; use that address.`;
        } catch {
          // keep the generic hint
        }
      }
      fail(`The address returns a web page (HTML), not a feed.${hint}`);
    }
    if (!trimmed.startsWith("<")) fail("The response is not a feed: it is not XML.");
    const parsed = await parseInWorker(trimmed, { maxItems: MAX_ITEMS });
    if (!parsed.ok) {
      const msg = parsed.message;
      if (parsed.timedOut) fail("The feed took too long to read; it is far larger or more complex than a news feed should be.");
      if (/not recognized as RSS/i.test(msg)) fail("The document is XML but not an RSS or Atom feed.");
      const where = /Line:\s*(\d+)/.exec(msg)?.[1];
      const what = msg.split("\n")[0]!.slice(0, 120);
      fail(`The feed is not well-formed XML (${what}${where ? ` near line ${Number(where) + 1}` : ""}).`);
    }
    const raw = (parsed as { ok: true; feed: { title?: unknown; link?: unknown; items: unknown[] } }).feed;
    const items: FeedItem[] = [];
    let n = 0;
    for (const rawItem of raw.items ?? []) {
      const item = toItem(rawItem, baseUrl);
      if (item) items.push(item);
      // Sanitising is synchronous: let requests in between items.
      if (++n % 2 === 0) await new Promise((r) => setImmediate(r));
    }
    return {
      ok: true,
      value: {
        title: htmlToText(typeof raw.title === "string" ? raw.title : "", 200),
        siteUrl: safeLink(typeof raw.link === "string" ? raw.link : undefined, baseUrl),
        items,
      },
    };
  } catch (e) {
    if (e instanceof FeedError) return { ok: false, error: e.message };
    console.error("[feeds] unexpected parse failure", e);
    return { ok: false, error: "The feed could not be read because of an unexpected problem." };
  }
}

/** An absolute http(s) link, or null (javascript:, data:, relative garbage…). */
export function safeLink(raw: string | undefined, base: string): string | null {
  if (!raw) return null;
  const trimmed = raw.trim();
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) return null;
  try {
    const u = new URL(trimmed, base);
    if (u.protocol !== "http:" && u.protocol !== "https:") return null;
    if (u.username || u.password) return null;
    return u.toString().slice(0, 2000);
  } catch {
    return null;
  }
}

function stringOf(v: unknown): string | null {
  if (typeof v === "string") return v.trim() || null;
  if (v && typeof v === "object" && "_" in v && typeof (v as { _: unknown })._ === "string") return (v as { _: string })._.trim() || null;
  return null;
}

function permalinkGuid(guid: unknown): boolean {
  const attrs = guid && typeof guid === "object" && "$" in guid ? (guid as { $?: { isPermaLink?: unknown } }).$ : undefined;
  if (String(attrs?.isPermaLink ?? "true").toLowerCase() === "false") return false;
  return /^https?:\/\//i.test(stringOf(guid) ?? "");
}

function toItem(input: unknown, baseUrl: string): FeedItem | null {
  const parsed = RawItemSchema.safeParse(input);
  if (!parsed.success) return null;
  const r = parsed.data;
  const rawLink = r.link?.trim();
  // RSS 2.0: a <guid> is the item's permalink unless it says isPermaLink="false"; some feeds give no other link.
  const guidLink = !rawLink && stringOf(r.guid) && permalinkGuid(r.guid) ? safeLink(stringOf(r.guid)!, baseUrl) : null;
  const link = guidLink ?? safeLink(rawLink, baseUrl);
  const title = htmlToText(r.title ?? "", 300);
  // Only an excerpt is shown; a bounded body keeps the sanitiser's work per item small.
  const body = (r["content:encoded"] ?? r.content ?? r.summary ?? "").slice(0, 60_000);
  const html = sanitizeForeignHtml(body, undefined);
  // Block ends become spaces, so "…Wembley</li><li>Clockwatch…" does not run words together.
  const excerptSource = (html || r.contentSnippet || "").replace(/<\/(p|li|h\d|div|blockquote|td|th|dd|dt)>|<br\s*\/?>/gi, "$& ");
  const excerpt = htmlToText(excerptSource, 280);
  const finalTitle = title || (excerpt ? htmlToText(excerpt, 90) : "");
  if (!finalTitle || (!link && !stringOf(r.guid) && !stringOf(r.id))) return null;
  const cleaned = (!!rawLink && !link) || /<script|javascript:|\son\w+\s*=/i.test(body);
  return {
    guid: (stringOf(r.guid) ?? stringOf(r.id))?.slice(0, 500) ?? null,
    link,
    title: finalTitle,
    excerpt,
    html,
    publishedAt: parseDate(r.isoDate) ?? parseDate(r.pubDate),
    cleaned,
  };
}

// Feeds in other languages write day and month names their own way ("Seg, 24 Set 2018"); Date only knows English.
const MONTHS: Record<string, string> = {
  jan: "Jan", janv: "Jan", ene: "Jan", gen: "Jan", jän: "Jan",
  fev: "Feb", fév: "Feb", feb: "Feb", févr: "Feb",
  mar: "Mar", mär: "Mar", mars: "Mar", marz: "Mar",
  abr: "Apr", avr: "Apr", apr: "Apr",
  mai: "May", may: "May", mag: "May", mayo: "May",
  jun: "Jun", juin: "Jun", giu: "Jun",
  jul: "Jul", juil: "Jul", lug: "Jul",
  ago: "Aug", aoû: "Aug", aug: "Aug", août: "Aug",
  set: "Sep", sep: "Sep", sept: "Sep",
  out: "Oct", oct: "Oct", okt: "Oct", ott: "Oct",
  nov: "Nov",
  dez: "Dec", dec: "Dec", déc: "Dec", dic: "Dec",
};

export function parseDate(raw: string | undefined): Date | null {
  if (!raw) return null;
  const s = raw.trim();
  let d = new Date(s);
  if (Number.isNaN(d.getTime())) {
    // Drop a leading weekday of any language and translate the month name.
    const m = /^(?:[^\d,\s]+,?\s+)?(\d{1,2})\s+([^\d\s.]+)\.?\s+(\d{4})(.*)$/u.exec(s);
    const month = m ? MONTHS[m[2]!.toLowerCase()] : undefined;
    if (m && month) d = new Date(`${m[1]} ${month} ${m[3]}${m[4]}`);
  }
  if (Number.isNaN(d.getTime())) return null;
  if (d.getUTCFullYear() < 1990) return null;
  return d;
}
