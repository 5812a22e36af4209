// What `npm run bench` requests (issue #9): signs in over HTTP as a bench member made by `npm run seed:scale`, then
// picks real addresses from the scale database (read-only) for each scenario. `rate` is the fixed request rate at
// which p50/p99 are measured; `target` is the target for the route, in words.
import Database from "better-sqlite3";

export type Scenario = {
  name: string;
  paths: string[];
  rate: number;
  target: string;
  /** Issue 23's target for server CPU per request on one core, in ms (paired bench). */
  cpuMsTarget?: number;
  /** Requested without the session cookie (the sign-in page, the health check). */
  anonymous?: boolean;
  /** Requested with this session instead of the bench member's (the staff analytics pages, issue #19). */
  cookie?: string;
};

const BENCH_EMAIL = "bench1@bench.colloquy.test";
const BENCH_ADMIN = "admin@bench.colloquy.test";
const BENCH_PASSWORD = "scale-bench-password";
/** The commonest word of the scale seed's texts: it occurs in nearly every one of the million documents. */
const COMMON_WORD = "court";

async function signIn(baseUrl: string, email = BENCH_EMAIL): Promise<string> {
  const res = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: baseUrl },
    body: new URLSearchParams({ email, password: BENCH_PASSWORD, redirectTo: "/" }).toString(),
  });
  await res.arrayBuffer();
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => /session=/.test(c) && !c.endsWith("="));
  if (res.status !== 302 || !session) {
    throw new Error(`signing in as ${email} failed (${res.status}); was the database made by npm run seed:scale?`);
  }
  return session;
}

export async function benchScenarios({ baseUrl, dbFile }: { baseUrl: string; dbFile: string }): Promise<{
  scenarios: Scenario[];
  cookie: string;
  firstVisitPath: string;
}> {
  const cookie = await signIn(baseUrl);
  const adminCookie = await signIn(baseUrl, BENCH_ADMIN);
  const d = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const user = d.prepare("SELECT id FROM users WHERE email = ?").get(BENCH_EMAIL) as { id: number };
    // The bench member's seminars, the one starting nearest to now first (their "current" seminar).
    const seminars = d
      .prepare(
        `SELECT s.id, s.slug FROM memberships m JOIN seminars s ON s.id = m.seminar_id WHERE m.user_id = ?
         ORDER BY abs(s.starts_at - ?) LIMIT 10`,
      )
      .all(user.id, Date.now()) as { id: number; slug: string }[];
    if (!seminars.length) throw new Error(`${BENCH_EMAIL} belongs to no seminar`);
    const slugOf = new Map(seminars.map((s) => [s.id, s.slug]));
    const ids = JSON.stringify(seminars.map((s) => s.id));

    const homes = seminars.map((s) => `/s/${s.slug}`);
    const wiki = (
      d
        .prepare(
          `SELECT seminar_id AS s, slug FROM wiki_pages WHERE seminar_id IN (SELECT value FROM json_each(?))
           ORDER BY updated_at DESC LIMIT 30`,
        )
        .all(ids) as { s: number; slug: string }[]
    ).map((p) => `/s/${slugOf.get(p.s)}/wiki/${encodeURIComponent(p.slug)}`);
    // Posts with a real discussion under them (10 to 40 comments), newest first.
    const posts = (
      d
        .prepare(
          `SELECT p.seminar_id AS s, p.id, (SELECT count(*) FROM comments c WHERE c.post_id = p.id) AS n
           FROM blog_posts p WHERE p.seminar_id IN (SELECT value FROM json_each(?)) AND p.status = 'published'
           ORDER BY p.published_at DESC LIMIT 400`,
        )
        .all(ids) as { s: number; id: number; n: number }[]
    )
      .filter((p) => p.n >= 10 && p.n <= 40)
      .slice(0, 30)
      .map((p) => `/s/${slugOf.get(p.s)}/blog/${p.id}`);
    if (!wiki.length || !posts.length) throw new Error("the scale database has no wiki pages or discussed posts for the bench member");

    const directory = [
      "/people?area=Litigation",
      "/people?area=Tax&years=6-10",
      "/people?jurisdiction=New+York",
      "/people?jurisdiction=California&referrals=on",
      "/people?area=Privacy+and+Data+Protection&page=3",
      "/people?area=Employment&jurisdiction=Texas",
    ];

    // Issue #16: the catalogue over every listed seminar, unfiltered (with recommendations) and with each filter.
    const month = (
      d
        .prepare(
          `SELECT strftime('%Y-%m', starts_at / 1000, 'unixepoch') AS m FROM seminars
           WHERE enrolment_policy IN ('open', 'request') AND starts_at > ? ORDER BY starts_at LIMIT 1 OFFSET 10`,
        )
        .get(Date.now()) as { m: string } | undefined
    )?.m;
    const catalogue = [
      "/catalogue",
      "/catalogue?area=Litigation",
      "/catalogue?jurisdiction=New+York",
      "/catalogue?format=online",
      ...(month ? [`/catalogue?month=${month}`] : []),
      "/catalogue?area=Tax&format=hybrid",
    ];

    // Issue #18: the job list with two filters, and the referral page (routed, own and open requests).
    const careers = [
      "/jobs?area=Litigation&jurisdiction=New+York",
      "/jobs?area=Tax&remote=on",
      "/jobs?area=Employment&jurisdiction=Texas",
      "/jobs?jurisdiction=California&remote=on",
      "/referrals",
    ];
    // Issue #14: network question pages with a real thread (3 to 10 answers), and the network question list in its views.
    const questionPages = (
      d
        .prepare(
          `SELECT id FROM questions WHERE audience = 'network' AND answer_count > 0
           ORDER BY answer_count BETWEEN 3 AND 10 DESC, created_at DESC LIMIT 30`,
        )
        .all() as { id: number }[]
    ).map((q) => `/questions/${q.id}`);
    if (!questionPages.length) throw new Error("the scale database has no answered network questions");
    const questionLists = ["/questions", "/questions?view=unanswered", "/questions?view=unaccepted", "/questions?page=2"];
    // Issue #20: the library with each filter, and bookmark tag pages.
    const library = [
      "/library",
      "/library?kind=opinion",
      "/library?jurisdiction=California",
      "/library?area=Privacy",
      "/library?from=2020-01-01&to=2022-12-31",
      "/library?kind=statute&jurisdiction=EU",
    ];
    const bookmarkTags = ["/bookmarks?tag=gdpr", "/bookmarks?tag=caselaw", "/bookmarks?tag=must-read", "/bookmarks?tag=templates"];
    // Issue #15: the inbox (and its second page), the member's busiest conversations, and the notification centre.
    const conversations = (
      d
        .prepare(
          `SELECT cm.conversation_id AS id FROM conversation_members cm WHERE cm.user_id = ? AND cm.left_at IS NULL
           ORDER BY (SELECT count(*) FROM messages m WHERE m.conversation_id = cm.conversation_id) DESC LIMIT 20`,
        )
        .all(user.id) as { id: number }[]
    ).map((r) => `/messages/${r.id}`);
    if (!conversations.length) throw new Error("the scale database has no conversations for the bench member (seed it again)");

    // Issue #17: the bench member's CLE ledger, and public verification pages of issued certificates (signed out).
    const verify = (d.prepare("SELECT code FROM certificates WHERE status = 'valid' ORDER BY id DESC LIMIT 20").all() as { code: string }[]).map(
      (r) => `/verify/${r.code}`,
    );
    if (!verify.length) throw new Error("the scale database has no certificates (seed it again)");
    // The bench member's own certificate PDFs (issue #17: "a certificate PDF renders in well under a second").
    const certificatePdfs = (
      d.prepare("SELECT id FROM certificates WHERE user_id = ? AND status = 'valid' ORDER BY id LIMIT 5").all(user.id) as { id: number }[]
    ).map((r) => `/credits/certificates/${r.id}.pdf`);

    // Issue #19: the staff growth page (default 90 days, and two years) and the cohort table (12 months, two years).
    const today = new Date().toISOString().slice(0, 10);
    const twoYearsAgo = new Date(Date.now() - 729 * 86_400_000).toISOString().slice(0, 10);
    const growth = ["/admin/analytics/growth", `/admin/analytics/growth?from=${twoYearsAgo}&to=${today}`];
    const cohorts = ["/admin/analytics/cohorts", `/admin/analytics/cohorts?from=${twoYearsAgo}&to=${today}`];
    const rare = rareWord(d, seminars.map((s) => s.id));
    const mixed = [
      ...homes.slice(0, 4),
      ...homes.slice(0, 4),
      ...wiki.slice(0, 4),
      ...posts.slice(0, 4),
      directory[0]!,
      directory[1]!,
      `/search?q=${rare}`,
      `/search?q=${COMMON_WORD}`,
    ];
    const scenarios: Scenario[] = [
      { name: "home", paths: homes, rate: 300, target: "≥ 600 req/s; p99 ≤ 15 ms at 300 req/s", cpuMsTarget: 3.3 },
      { name: "directory", paths: directory, rate: 250, target: "p99 ≤ 20 ms at 250 req/s (100,000 members, filtered)" },
      { name: "wiki", paths: wiki, rate: 400, target: "≥ 800 req/s", cpuMsTarget: 2.5 },
      { name: "blog", paths: posts, rate: 400, target: "≥ 800 req/s (post with 10–40 comments)", cpuMsTarget: 2.5 },
      { name: "search-common", paths: [`/search?q=${COMMON_WORD}`], rate: 100, target: "p99 ≤ 50 ms at 100 req/s, no request over 100 ms" },
      { name: "search-rare", paths: [`/search?q=${rare}`], rate: 100, target: "p99 ≤ 50 ms at 100 req/s, no request over 100 ms" },
      { name: "catalogue", paths: catalogue, rate: 300, target: "at least as fast per request as the seminar home (issue #16)" },
      { name: "careers", paths: careers, rate: 250, target: "at least as fast per request as the directory (issue #18)" },
      { name: "question", paths: questionPages, rate: 400, target: "at least as fast per request as the blog post page (issue #14)" },
      { name: "questions-list", paths: questionLists, rate: 400, target: "at least as fast per request as the blog post page (issue #14)" },
      { name: "library", paths: library, rate: 250, target: "at least as fast per request as the directory (issue #20)" },
      { name: "bookmark-tags", paths: bookmarkTags, rate: 250, target: "at least as fast per request as the directory (issue #20)" },
      { name: "inbox", paths: ["/messages"], rate: 400, target: "at least as fast per request as the blog post page (issue #15)" },
      { name: "conversation", paths: conversations, rate: 400, target: "at least as fast per request as the blog post page (issue #15)" },
      { name: "notifications", paths: ["/notifications"], rate: 400, target: "at least as fast per request as the blog post page (issue #15)" },
      { name: "credits", paths: ["/credits"], rate: 400, target: "at least as fast per request as the blog post page (issue #17)" },
      { name: "verify", paths: verify, rate: 400, target: "at least as fast per request as the blog post page (issue #17)", anonymous: true },
      ...(certificatePdfs.length
        ? [{ name: "certificate-pdf", paths: certificatePdfs, rate: 10, target: "a certificate PDF in well under a second (issue #17)" }]
        : []),
      { name: "analytics-growth", paths: growth, rate: 100, target: "well under 100 ms per request (issue #19)", cookie: adminCookie },
      { name: "analytics-cohorts", paths: cohorts, rate: 100, target: "well under 100 ms per request (issue #19)", cookie: adminCookie },
      { name: "mixed", paths: mixed, rate: 300, target: "mix of the above at 300 req/s" },
      { name: "signin", paths: ["/login"], rate: 300, target: "the sign-in page, signed out", cpuMsTarget: 1.5, anonymous: true },
      { name: "healthz", paths: ["/healthz"], rate: 300, target: "the health check", cpuMsTarget: 0.5, anonymous: true },
    ];
    return { scenarios, cookie, firstVisitPath: homes[0]! };
  } finally {
    d.close();
  }
}

/**
 * A word that is rare across the whole index (in at least 10 and as few as possible of the million documents) but
 * occurs in the bench member's seminars: taken from their own documents, counted in the FTS index.
 */
function rareWord(d: Database.Database, seminarIds: number[]): string {
  const scope = seminarIds.map((id) => `s${id}`).join(" OR ");
  const bodies = d
    .prepare(`SELECT body FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT 40`)
    .all(`scope : (${scope})`) as { body: string }[];
  const count = d.prepare("SELECT count(*) AS n FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH ? LIMIT 100001)");
  let best: { word: string; n: number } | null = null;
  const seen = new Set<string>();
  for (const { body } of bodies) {
    for (const w of body.toLowerCase().match(/[a-z]{6,}/g) ?? []) {
      if (seen.has(w)) continue;
      seen.add(w);
      const n = (count.get(`{title body} : "${w}"`) as { n: number }).n;
      if (n >= 10 && (!best || n < best.n)) best = { word: w, n };
    }
  }
  if (!best) throw new Error("no rare word found in the bench member's documents");
  return best.word;
}
