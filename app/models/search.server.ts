// Full-text search over wiki pages, blog posts, comments and materials (SQLite FTS5, see
// db/migrations-extra/0001_search.sql). Visibility is enforced inside the index: each row carries scope tokens
// ("s<seminarId>" for members, "i<seminarId>" for instructors only) and every query is ANDed with the viewer's.
// Over 400 lines on purpose (issue #13): this is the one full-text index every feature plugs into (indexing, scopes,
// query parsing, ranking and snippets share the FTS table's shape); split, each part would need the others' internals.
import { and, eq, inArray } from "drizzle-orm";
import { searchDocuments } from "../../db/schema";
import { db, type DB } from "./db.server";

export type SearchKind = "wiki" | "post" | "comment" | "material" | "question" | "answer" | "job" | "referral" | "document" | "bookmark";
export type Audience = "members" | "instructors";

type Conn = Pick<DB, "$client" | "select" | "insert" | "delete">;

/** How much text of one document goes into the index (snippets and ranking need no more). */
const MAX_BODY_CHARS = 100_000;
/**
 * The most matches ranked per query. A very common term can match most of a million documents; ranking them all
 * would cost seconds, so the newest RANK_WINDOW matches the viewer may see are ranked.
 */
export const RANK_WINDOW = 2000;
/**
 * When every phrase is very common, ranking is only "title matches first, then newest", which the newest
 * COMMON_WINDOW matches decide as well as 2,000 would, at a quarter of the cost: at a million documents the
 * intersection with the viewer's scope costs about 7 µs per match on one core (issue #9).
 */
export const COMMON_WINDOW = 500;

export interface IndexInput {
  kind: SearchKind;
  /** Id of the row in its own table (wiki page id, post id, comment id, material id). */
  id: number;
  /** null for what belongs to no seminar (library documents, bookmarks shared with the network or kept private). */
  seminarId: number | null;
  /** Issue #20: outside a seminar, who may find it: "n" every signed-in member, "u<userId>" only that member. */
  scope?: "network" | { userId: number };
  title: string;
  /** Plain text (use htmlToText on rendered HTML). */
  body: string;
  /** Address inside the seminar's micro-site, e.g. "wiki/breach-response"; defaults per kind. Outside a seminar, an
   *  absolute path ("/library/12"). */
  path?: string;
  audience?: Audience;
  /** Defaults to db(); the seed passes its own connection. Inside writeTransaction, db() is the transaction. */
  conn?: Conn;
}

function defaultPath(kind: SearchKind, id: number): string {
  if (kind === "material") return `materials/${id}`;
  if (kind === "post") return `blog/${id}`;
  return `${kind}/${id}`;
}

/** Adds or replaces the index entry of one document. Call it in the same transaction as the change. */
export function indexDocument(input: IndexInput): void {
  const conn = input.conn ?? db();
  const audience = input.audience ?? "members";
  const run = () => {
    conn.delete(searchDocuments).where(and(eq(searchDocuments.kind, input.kind), eq(searchDocuments.refId, input.id))).run();
    const doc = conn
      .insert(searchDocuments)
      .values({
        kind: input.kind,
        refId: input.id,
        seminarId: input.seminarId,
        ownerId: typeof input.scope === "object" ? input.scope.userId : null,
        audience,
        title: input.title.slice(0, 500),
        path: input.path ?? defaultPath(input.kind, input.id),
        updatedAt: new Date(),
      })
      .returning({ id: searchDocuments.id })
      .get();
    conn.$client
      .prepare("INSERT INTO search_fts (rowid, scope, title, body) VALUES (?, ?, ?, ?)")
      .run(doc.id, indexScope(input, audience), input.title.slice(0, 500), input.body.slice(0, MAX_BODY_CHARS));
  };
  // A savepoint when already inside a transaction, a transaction otherwise: the two rows go in together.
  conn.$client.transaction(run)();
}

/** Removes a document from the index (its FTS row goes with it, by trigger). */
export function removeDocument({ kind, id, conn = db() }: { kind: SearchKind; id: number; conn?: Conn }): void {
  conn.delete(searchDocuments).where(and(eq(searchDocuments.kind, kind), eq(searchDocuments.refId, id))).run();
}

export function removeDocuments({ kind, ids, conn = db() }: { kind: SearchKind; ids: number[]; conn?: Conn }): void {
  if (!ids.length) return;
  conn.delete(searchDocuments).where(and(eq(searchDocuments.kind, kind), inArray(searchDocuments.refId, ids))).run();
}

function indexScope(input: IndexInput, audience: Audience): string {
  if (input.seminarId !== null) return scopeToken(input.seminarId, audience);
  return typeof input.scope === "object" ? `u${input.scope.userId}` : "n";
}

function scopeToken(seminarId: number, audience: Audience): string {
  return `${audience === "instructors" ? "i" : "s"}${seminarId}`;
}

/** What one viewer may search: their seminars, and for the ones they manage also instructor-only documents. */
export interface SearchScope {
  seminars: { id: number; slug: string; title: string; canManage: boolean }[];
  /** Issue #20: with a user, also what belongs to no seminar: the library, network bookmarks and their own. */
  userId?: number;
}

/** Every seminar the user belongs to (global search). */
export function searchScopeForUser({ userId }: { userId: number }): SearchScope {
  // On every search page: one statement prepared once per connection, not a drizzle query built per call (issue #9).
  const rows = db()
    .$client.prepare(
      `SELECT s.id AS id, s.slug AS slug, s.title AS title, m.role AS role
         FROM memberships m JOIN seminars s ON s.id = m.seminar_id WHERE m.user_id = ?`,
    )
    .all(userId) as { id: number; slug: string; title: string; role: string }[];
  return { seminars: rows.map((r) => ({ id: r.id, slug: r.slug, title: r.title, canManage: r.role === "instructor" })), userId };
}

/**
 * What a person typed, as FTS5 phrases: words (letters and digits) become quoted terms, "quoted phrases" stay
 * phrases. No FTS5 operator, column filter or scope token from the input survives.
 */
export function toPhrases(q: string): string[] {
  const parts: string[] = [];
  const phrase = /"([^"]*)"/g;
  let rest = q.slice(0, 300);
  for (const m of rest.matchAll(phrase)) {
    const words = m[1]!.match(/[\p{L}\p{N}]+/gu);
    if (words?.length) parts.push(`"${words.slice(0, 8).join(" ")}"`);
  }
  rest = rest.replace(phrase, " ");
  for (const w of rest.match(/[\p{L}\p{N}]+/gu) ?? []) parts.push(`"${w}"`);
  return [...new Set(parts)].slice(0, 10);
}

/** The phrases ANDed into one safe FTS5 expression, or null when nothing searchable was typed. */
export function toMatchExpression(q: string): string | null {
  const phrases = toPhrases(q);
  return phrases.length ? phrases.join(" AND ") : null;
}

export interface SearchHit {
  kind: SearchKind;
  refId: number;
  /** Only what a results page shows: loader data goes into every page next to its HTML (issue #9). */
  seminar: { title: string };
  href: string;
  /**
   * Title and snippet as text pieces that alternate between unmatched and matched text, starting with unmatched
   * (possibly empty): ["Notes on ", "breach", " response"]. Matched pieces are shown as <mark>, never as HTML.
   */
  title: string[];
  snippet: string[];
}

export interface SearchResult {
  hits: SearchHit[];
  /** Matches considered (capped at RANK_WINDOW, or COMMON_WINDOW for very common words: `more` says there were more). */
  considered: number;
  more: boolean;
  /**
   * Very common words only: ranking stopped as soon as this page was decided (enough title matches among the newest
   * matches), so `considered` is how many were looked at, not how many there are; there are more.
   */
  partial: boolean;
  page: number;
  hasNext: boolean;
}

/** Lower-case words without diacritics, for comparing titles with what was typed. */
function words(text: string): string[] {
  // Plain ASCII (most titles, also with typographic quotes and dashes, which are no letters either way) needs no
  // Unicode normalisation and gives the same words: ten times faster (issue #9).
  if (/^[\x00-\x7f\u2000-\u206f]*$/.test(text)) return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  return (text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

/** How many typed phrases appear in a title (a word matches a title word with the same stem-ish beginning). */
function titleScore(title: string[], phrases: string[][]): number {
  const like = (w: string) => {
    const stem = w.slice(0, Math.max(3, w.length - 2));
    return title.some((t) => t.startsWith(stem));
  };
  return phrases.filter((p) => p.length && p.every(like)).length;
}

const OPEN = "\u0001";
const CLOSE = "\u0002";

/** Text marked by highlight()/snippet() as alternating unmatched and matched pieces (see SearchHit). */
function segments(marked: string): string[] {
  if (!marked) return [];
  const pieces = marked.split(OPEN);
  const out = [pieces[0]!];
  for (const piece of pieces.slice(1)) {
    const close = piece.indexOf(CLOSE);
    if (close === -1) out[out.length - 1] += piece;
    else out.push(piece.slice(0, close), piece.slice(close + 1));
  }
  if (out.length > 1 && out[out.length - 1] === "") out.pop();
  return out;
}

/**
 * Title score from the title as highlight() marked it: FTS5 itself decided which words match (porter stemming), so
 * "counsel" does not count "Counselor" the way a prefix test would. With several phrases, the marked words say which
 * of them the title holds.
 */
function markedTitleScore(marked: string, phrases: string[][]): number {
  if (!marked.includes(OPEN)) return 0;
  if (phrases.length === 1) return 1;
  const hit = segments(marked).filter((_, i) => i % 2 === 1);
  return Math.max(1, titleScore(words(hit.join(" ")), phrases));
}

const PAGE_SIZE = 20;
/** Network-wide documents (issue #14) show "All members" where seminar results show their seminar. */
const NETWORK = { id: 0, slug: "", title: "All members", canManage: false };
/** Up to this many seminar scope tokens go into the FTS query; beyond it, visibility is checked by a join. */
const MAX_SCOPE_TOKENS = 40;
/** With the join, at most this many of the newest matches are looked at. */
const SCAN_CAP = 20_000;
/** A phrase in more documents than this is "very common": bm25's per-phrase statistics would cost a long scan. */
const COMMON_DOCS = 20_000;

/**
 * Whether a phrase is in more than COMMON_DOCS documents, remembered for a few minutes: counting costs a scan of up to
 * COMMON_DOCS entries of its document list (milliseconds for the commonest words), and a word's document frequency
 * changes slowly; a stale answer only picks the other ranking for a while (issue #9).
 */
const commonCache = new Map<string, { common: boolean; until: number }>();
const COMMON_CACHE_MS = 5 * 60_000;
function isVeryCommon(phrase: string, count: () => boolean): boolean {
  const now = Date.now();
  const hit = commonCache.get(phrase);
  if (hit && hit.until > now) return hit.common;
  const common = count();
  if (commonCache.size >= 5000) commonCache.clear();
  commonCache.set(phrase, { common, until: now + COMMON_CACHE_MS });
  return common;
}

/** One match in the ranking window; `title` and `snippet` are marked text when the window query made them. */
interface Candidate {
  id: number;
  s: number;
  title?: string;
  snippet?: string | null;
}

/**
 * Title matches first, then the newest, over the matches a scan yields newest first, at most `window` of them. The
 * scan stops as soon as the requested page is decided: once `need` rows with the best possible score were seen, they
 * are the top of the ranking. For the commonest words that is after a few dozen rows instead of the whole window;
 * each row costs an FTS5 seek of about 5 µs at a million documents (issue #9).
 */
function rankByTitle(
  scan: Iterable<{ id: number; title: string; snippet?: string | null }>,
  score: (title: string) => number,
  { best, need, window }: { best: number; need: number; window: number },
): { rows: Candidate[]; more: boolean; partial: boolean } {
  const rows: Candidate[] = [];
  let top = 0;
  // Leaving the loop early resets the statement (better-sqlite3 iterators): the rest of the scan never runs.
  for (const r of scan) {
    if (rows.length === window) return { rows, more: true, partial: false };
    const s = score(r.title);
    rows.push({ id: r.id, s: -s, title: r.title, snippet: r.snippet });
    if (s === best && ++top === need) return { rows, more: true, partial: true };
  }
  return { rows, more: false, partial: false };
}

/**
 * Ranked search within the given scope, with bounded work at any index size:
 *  1. the window: the newest RANK_WINDOW matches the viewer may see (FTS5 walks rowids newest first and stops);
 *  2. ranking: bm25 over the window using only the phrases that are not very common (its statistics cost a scan
 *     of each phrase's document list); when every phrase is very common, title matches first, then the newest,
 *     among the newest COMMON_WINDOW matches, looking only as far as the requested page needs;
 *  3. snippets and highlights for one page of results (for very common words on the first page, made in step 1).
 */
export function search({ q, scope, page = 1 }: { q: string; scope: SearchScope; page?: number }): SearchResult {
  const empty = { hits: [], considered: 0, more: false, partial: false, page: 1, hasNext: false };
  const phrases = toPhrases(q);
  if (!phrases.length || (!scope.seminars.length && scope.userId === undefined)) return empty;
  const expr = phrases.join(" AND ");
  // Typed words only ever match titles and bodies, never the scope column.
  const userExpr = `{title body} : (${expr})`;
  const sqlite = db().$client;

  // Very common phrases make bm25 expensive: its statistics scan each phrase's whole document list once per query.
  const countStmt = sqlite.prepare("SELECT count(*) AS n FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH ? LIMIT ?)");
  const allSelective = phrases.every((p) => !isVeryCommon(`${sqlite.name}\u0000${p}`, () => (countStmt.get(p, COMMON_DOCS + 1) as { n: number }).n > COMMON_DOCS));
  const rankWindow = allSelective ? RANK_WINDOW : COMMON_WINDOW;
  const pageNo = Math.max(1, Math.min(page, Math.ceil(rankWindow / PAGE_SIZE)));
  const wanted = phrases.map((p) => words(p));
  // For title ranking: the rows that decide this page and whether another one follows.
  const titleRank = { best: wanted.length, need: pageNo * PAGE_SIZE + 1, window: rankWindow };

  // 1. The window: the newest matches the viewer may see, scored by bm25 when that is cheap.
  const tokens = scope.seminars.flatMap((s) => (s.canManage ? [`s${s.id}`, `i${s.id}`] : [`s${s.id}`]));
  if (scope.userId !== undefined) tokens.push("n", `u${scope.userId}`);
  const scopeExpr = `scope : (${tokens.join(" OR ")})`;
  const useScope = tokens.length <= MAX_SCOPE_TOKENS;
  let window: Candidate[];
  let more = false;
  let partial = false;
  if (useScope && allSelective) {
    window = sqlite
      .prepare(
        `SELECT rowid AS id, bm25(search_fts, 0.0, 6.0, 1.0) AS s
           FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT ?`,
      )
      .all(`${scopeExpr} AND ${userExpr}`, rankWindow + 1) as Candidate[];
    more = window.length > rankWindow;
    window = window.slice(0, rankWindow);
  } else if (useScope) {
    // Statistics for a very common phrase cost a scan of most of the index: title matches first, then the newest.
    // highlight() of the title (short, read with the row) says whether it matches, by FTS5's own stemming. On the
    // first page of a one-phrase search the snippets of title matches are made in this scan too, as those are the
    // page: a second FTS query for them would seek each row again in a million-entry document list (about 30 µs a
    // row). With several phrases most title matches do not hold them all and would be snippets made for nothing.
    const scan = sqlite
      .prepare(
        `SELECT rowid AS id, highlight(search_fts, 1, '${OPEN}', '${CLOSE}') AS title,
                CASE WHEN @snippets AND instr(highlight(search_fts, 1, '${OPEN}', '${CLOSE}'), '${OPEN}')
                     THEN snippet(search_fts, 2, '${OPEN}', '${CLOSE}', '…', 28) END AS snippet
           FROM search_fts WHERE search_fts MATCH @expr ORDER BY rowid DESC LIMIT @limit`,
      )
      .iterate({ snippets: pageNo === 1 && phrases.length === 1 ? 1 : 0, expr: `${scopeExpr} AND ${userExpr}`, limit: rankWindow + 1 });
    ({ rows: window, more, partial } = rankByTitle(scan as Iterable<{ id: number; title: string; snippet: string | null }>, (t) => markedTitleScore(t, wanted), titleRank));
  } else {
    const all = scope.seminars.map((s) => s.id);
    const managed = scope.seminars.filter((s) => s.canManage).map((s) => s.id);
    // CROSS JOIN keeps the FTS scan (newest first) as the outer loop, so it stops as soon as the window is full.
    const joined = sqlite.prepare(
      `SELECT c.id AS id, d.title AS title FROM (SELECT rowid AS id FROM search_fts WHERE search_fts MATCH @expr ORDER BY rowid DESC LIMIT @scan) c
       CROSS JOIN search_documents d ON d.id = c.id
       WHERE ((d.seminar_id IN (SELECT value FROM json_each(@all))
         AND (d.audience = 'members' OR d.seminar_id IN (SELECT value FROM json_each(@managed))))
         OR (@me IS NOT NULL AND d.seminar_id IS NULL AND (d.owner_id IS NULL OR d.owner_id = @me)))
       LIMIT @window`,
    );
    const params = { expr: userExpr, scan: SCAN_CAP, all: JSON.stringify(all), managed: JSON.stringify(managed), me: scope.userId ?? null, window: rankWindow + 1 };
    if (allSelective) {
      window = (joined.all(params) as { id: number }[]).map((r) => ({ id: r.id, s: 0 }));
      more = window.length > rankWindow;
      window = window.slice(0, rankWindow);
    } else {
      // Plain titles from the join (highlight() needs the FTS cursor): a prefix test stands in for the stemming.
      const scan = joined.iterate(params) as Iterable<{ id: number; title: string }>;
      ({ rows: window, more, partial } = rankByTitle(scan, (t) => titleScore(words(t), wanted), titleRank));
      for (const w of window) delete w.title;
    }
    if (!more && !partial) more = (countStmt.get(userExpr, SCAN_CAP) as { n: number }).n >= SCAN_CAP;
  }
  if (!window.length) return { ...empty, page: pageNo };

  // 2. Scores for the join path (bm25 over the scanned range, at most SCAN_CAP rows). A rowid range keeps the
  //    statement to one FTS5 cursor.
  if (!useScope && allSelective) {
    const lo = window[window.length - 1]!.id;
    const hi = window[0]!.id;
    const score = new Map(
      (
        sqlite
          .prepare("SELECT rowid AS id, bm25(search_fts, 0.0, 6.0, 1.0) AS s FROM search_fts WHERE search_fts MATCH ? AND rowid BETWEEN ? AND ?")
          .all(userExpr, lo, hi) as { id: number; s: number }[]
      ).map((r) => [r.id, r.s]),
    );
    for (const w of window) w.s = score.get(w.id) ?? 0;
  }
  const ranked = window.sort((a, b) => a.s - b.s || b.id - a.id);
  const considered = ranked.length;
  const pageRows = ranked.slice((pageNo - 1) * PAGE_SIZE, pageNo * PAGE_SIZE);
  if (!pageRows.length) return { ...empty, considered, more, partial, page: pageNo };

  // 3. Highlighted titles and snippets for this page's rows that step 1 did not make.
  const missing = pageRows.filter((r) => r.title === undefined || r.snippet == null).map((r) => r.id);
  const marked = new Map<number, { title: string; snippet: string }>();
  if (missing.length) {
    const rows = sqlite
      .prepare(
        `SELECT rowid AS id, highlight(search_fts, 1, '${OPEN}', '${CLOSE}') AS title,
                snippet(search_fts, 2, '${OPEN}', '${CLOSE}', '…', 28) AS snippet
           FROM search_fts WHERE search_fts MATCH ? AND rowid IN (${missing.map(() => "?").join(",")})`,
      )
      .all(userExpr, ...missing) as { id: number; title: string; snippet: string }[];
    for (const r of rows) marked.set(r.id, r);
  }
  const docs = sqlite
    .prepare(
      `SELECT id, kind, ref_id AS refId, seminar_id AS seminarId, audience, title, path
         FROM search_documents WHERE id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(pageRows.map((r) => r.id))) as {
    id: number;
    kind: SearchKind;
    refId: number;
    seminarId: number | null;
    audience: Audience;
    title: string;
    path: string;
  }[];
  const docById = new Map(docs.map((d) => [d.id, d]));
  const seminarById = new Map(scope.seminars.map((s) => [s.id, s]));

  const hits: SearchHit[] = [];
  for (const r of pageRows) {
    const doc = docById.get(r.id);
    if (doc && doc.seminarId === null && scope.userId !== undefined) {
      // Outside any seminar (issue #20): the index scope ("n" or the viewer's own "u") already decided.
      const m = marked.get(r.id);
      hits.push({
        kind: doc.kind,
        refId: doc.refId,
        seminar: { title: doc.kind === "document" ? "Library" : doc.kind === "bookmark" ? "Bookmarks" : NETWORK.title },
        href: doc.path,
        title: segments(r.title ?? m?.title ?? doc.title),
        snippet: segments(r.snippet ?? m?.snippet ?? ""),
      });
      continue;
    }
    const s = doc?.seminarId != null ? seminarById.get(doc.seminarId) : undefined;
    // Belt and braces: the index scope already excludes these.
    if (!doc || !s || (doc.audience === "instructors" && !s.canManage)) continue;
    const m = marked.get(r.id);
    hits.push({
      kind: doc.kind,
      refId: doc.refId,
      seminar: { title: s.title },
      href: doc.path.startsWith("/") ? doc.path : `/s/${s.slug}/${doc.path}`,
      title: segments(r.title ?? m?.title ?? doc.title),
      snippet: segments(r.snippet ?? m?.snippet ?? ""),
    });
  }
  return { hits, considered, more, partial, page: pageNo, hasNext: considered > pageNo * PAGE_SIZE };
}
