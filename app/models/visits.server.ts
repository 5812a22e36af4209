// Issue #19: members' visits, counted for "members who keep coming back". A visit is a signed-in page view (a
// document or a client navigation's data request). It is counted in memory and written in batches into the one
// place that counts (`member_daily_counts`, counter "visit": one row per member and UTC day, `n` = pages that day),
// so no page waits for a write and no log of pages is kept. Each server process has its own buffer; the upsert adds,
// so several workers flushing the same member and day simply sum. A buffer is flushed every few seconds, when it
// holds many entries, and when the database closes (the server's graceful stop, tests' teardown).
import { beforeDatabaseCloses, db, type DB } from "./db.server";
import { utcDay } from "./counts.server";

export const VISIT_COUNTER = "visit";
const FLUSH_EVERY_MS = 5_000;
const FLUSH_AT_ENTRIES = 2_000;

/** "day|userId" → page views not yet written. */
const pending = new Map<string, number>();
let timer: NodeJS.Timeout | null = null;

/**
 * Whether a request is a page a member looked at: a document, or a client navigation's data request (Remix hands
 * loaders those without the ".data", so they are told apart from streams and images by what the browser accepts).
 */
export function isPageView(request: Request): boolean {
  if (request.method !== "GET") return false;
  if ((request.headers.get("accept") ?? "").includes("text/event-stream")) return false;
  const dest = request.headers.get("sec-fetch-dest");
  return !dest || dest === "document" || dest === "empty";
}

/** Page views seen in the last moments: Remix hands each loader of one page its own copy of the request. */
const recent = new Map<string, number>();
const SAME_VIEW_MS = 2_000;

/** Counts a member's page view, once per page however many loaders ask who is signed in. */
export function recordPageView(request: Request, userId: number, at: number = Date.now()): void {
  if (!isPageView(request)) return;
  const url = new URL(request.url);
  url.searchParams.delete("_routes");
  url.searchParams.delete("index");
  const key = `${userId}|${url.pathname}?${url.searchParams}`;
  const seen = recent.get(key);
  if (seen !== undefined && at - seen < SAME_VIEW_MS) return;
  if (recent.size > 10_000) for (const [k, t] of recent) if (at - t >= SAME_VIEW_MS) recent.delete(k);
  recent.set(key, at);
  recordVisit(userId, at);
}

/** Counts one page view of a member; never touches the database on the request's path. */
export function recordVisit(userId: number, at: number = Date.now()): void {
  const key = `${utcDay(at)}|${userId}`;
  pending.set(key, (pending.get(key) ?? 0) + 1);
  if (pending.size >= FLUSH_AT_ENTRIES) {
    // Still off the request's path: the write happens after the response's own work.
    setImmediate(() => flushVisits());
  } else if (!timer) {
    timer = setTimeout(() => {
      timer = null;
      flushVisits();
    }, FLUSH_EVERY_MS);
    timer.unref();
  }
}

/**
 * Writes the buffered visits in one transaction. Only active accounts are counted, so a visit buffered just before
 * an account was erased does not bring a row back. Returns how many member-days were written.
 */
export function flushVisits(d: DB = db()): number {
  if (timer) {
    clearTimeout(timer);
    timer = null;
  }
  if (!pending.size) return 0;
  const entries = [...pending];
  pending.clear();
  const stmt = d.$client.prepare(
    `INSERT INTO member_daily_counts (day, user_id, counter, seminar_id, n)
     SELECT ?, id, '${VISIT_COUNTER}', 0, ? FROM users WHERE id = ? AND status = 'active'
     ON CONFLICT (day, user_id, counter, seminar_id) DO UPDATE SET n = n + excluded.n`,
  );
  try {
    d.$client.transaction(() => {
      for (const [key, n] of entries) {
        const [day, user] = key.split("|");
        stmt.run(day, n, Number(user));
      }
    }).immediate();
  } catch (error) {
    // Counting is best effort: a failed batch (the database busy for seconds) is dropped, never retried forever.
    console.warn("[visits] could not write a batch of visits:", error instanceof Error ? error.message : error);
    return 0;
  }
  return entries.length;
}

/** Visits waiting to be written (tests). */
export function pendingVisits(): number {
  return pending.size;
}

beforeDatabaseCloses((d) => flushVisits(d));
