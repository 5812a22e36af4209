// `npm run seed:scale` and the pages `npm run bench` loads (issue #9), at a small size: the seed makes a database the
// app serves as is (bench members sign in, every benchmarked page answers 200 with real content), so the benchmark runs
// end to end on a fresh clone. The full-size run and its figures are in the README.
import Database from "better-sqlite3";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { benchScenarios } from "../bench/scenarios";
import { startTestServer, type TestServer } from "../helpers/server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "colloquy-scale-"));
const file = path.join(dir, "scale.db");
const sizes = {
  members: 400,
  seminars: 8,
  memberships: 1200,
  posts: 240,
  comments: 2400,
  "wiki-pages": 40,
  "wiki-revisions": 120,
  news: 200,
  jobs: 60,
  referrals: 100,
  questions: 60,
  answers: 240,
  "library-docs": 50,
  bookmarks: 500,
  "bench-members": 2,
  // Issue #15: direct messages and notifications.
  conversations: 60,
  messages: 400,
  notifications: 1000,
  // Issue #19: member activity for the analytics pages.
  "activity-days": 60,
};
let seedOutput = "";
let server: TestServer;

beforeAll(async () => {
  const args = Object.entries(sizes).flatMap(([k, v]) => [`--${k}`, String(v)]);
  const r = spawnSync(process.execPath, ["--import", "tsx", "db/scale-seed.ts", "--db", file, ...args], {
    encoding: "utf8",
    timeout: 120_000,
  });
  seedOutput = r.stdout + r.stderr;
  if (r.status !== 0) throw new Error(`seed:scale failed (${r.status}):\n${seedOutput}`);
  server = await startTestServer({ label: "scale", env: { DATABASE_PATH: file } });
}, 180_000);
afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the scale seed and the benchmark's pages", () => {
  it("makes the institute of the requested size, with its search and directory indexes, and names the bench sign-ins", () => {
    const d = new Database(file, { readonly: true });
    try {
      const count = (sql: string) => (d.prepare(sql).get() as { n: number }).n;
      // The requested members plus the bench members and the bench admin.
      expect(count("select count(*) as n from users")).toBeGreaterThanOrEqual(sizes.members);
      expect(count("select count(*) as n from seminars")).toBe(sizes.seminars);
      expect(count("select count(*) as n from blog_posts")).toBe(sizes.posts);
      expect(count("select count(*) as n from comments")).toBe(sizes.comments);
      expect(count("select count(*) as n from wiki_pages")).toBe(sizes["wiki-pages"]);
      expect(count("select count(*) as n from wiki_revisions")).toBe(sizes["wiki-revisions"]);
      // Every post, comment and wiki page is in the search index; every active member in the directory's.
      const indexed = (kind: string) => count(`select count(*) as n from search_documents where kind = '${kind}'`);
      // Drafts and their comments stay out of the index until published.
      expect(indexed("post")).toBe(count("select count(*) as n from blog_posts where status = 'published'"));
      expect(indexed("post")).toBeGreaterThan(sizes.posts / 2);
      expect(indexed("comment")).toBe(
        count("select count(*) as n from comments c join blog_posts p on p.id = c.post_id where p.status = 'published' and c.removed_at is null"),
      );
      expect(indexed("wiki")).toBe(sizes["wiki-pages"]);
      // Issue #18: postings and requests, open postings and network-wide open requests in the search index.
      expect(count("select count(*) as n from job_postings")).toBe(sizes.jobs);
      expect(count("select count(*) as n from referrals")).toBe(sizes.referrals);
      expect(indexed("job")).toBe(count("select count(*) as n from job_postings where status = 'open'"));
      expect(indexed("referral")).toBe(count("select count(*) as n from referrals where status = 'open' and share_beyond_seminars = 1"));
      // Issue #14: questions and answers, every one of them in the search index.
      expect(count("select count(*) as n from questions")).toBe(sizes.questions);
      expect(count("select count(*) as n from answers")).toBe(sizes.answers);
      expect(indexed("question")).toBe(sizes.questions);
      expect(indexed("answer")).toBe(sizes.answers);
      // Issue #17: every session carries credits; attendance and certificates for what has been held.
      expect(count("select count(*) as n from seminar_sessions where id not in (select session_id from session_credits)")).toBe(0);
      expect(count("select count(*) as n from attendance")).toBeGreaterThan(sizes.memberships / 2);
      expect(count("select count(*) as n from certificates")).toBeGreaterThan(0);
      expect(count("select count(*) as n from directory_fts_v1")).toBe(count("select count(*) as n from users where status = 'active'"));
      // Issue #19: activity on the last 60 days, every member's join source, and the rollups made.
      expect(count("select count(distinct day) as n from member_daily_counts")).toBeGreaterThan(50);
      expect(count("select count(*) as n from analytics_days where dau > 0")).toBeGreaterThan(50);
      expect(count("select count(*) as n from analytics_cohorts")).toBeGreaterThan(0);
    } finally {
      d.close();
    }
    expect(seedOutput).toContain("bench1@bench.colloquy.test");
    expect(seedOutput).toContain("scale-bench-password");
  });

  it("a bench member signs in, and every page the benchmark loads answers with its content", async () => {
    const { scenarios, cookie } = await benchScenarios({ baseUrl: server.url, dbFile: file });
    expect(scenarios.map((s) => s.name).filter((n) => n !== "certificate-pdf")).toEqual(["home", "directory", "wiki", "blog", "search-common", "search-rare", "catalogue", "careers", "question", "questions-list", "library", "bookmark-tags", "inbox", "conversation", "notifications", "credits", "verify", "analytics-growth", "analytics-cohorts", "mixed", "signin", "healthz"]);
    const expectations: Record<string, RegExp> = {
      home: /Latest materials/,
      directory: /members? match/,
      wiki: /History/,
      blog: /Comments|comments/,
      "search-common": /results? for/i,
      "search-rare": /results? for/i,
      catalogue: /Seminar catalogue/,
      careers: /Careers|Referral requests/,
      question: /Your answer/,
      "questions-list": /Questions to all members/,
      library: /<h1>Library<\/h1>/,
      "bookmark-tags": /Bookmarks tagged/,
      inbox: /class="card conversation-row/,
      conversation: /class="card message/,
      credits: /Compliance periods[\s\S]*Total: [\d.]+ of 24\.0 credits[\s\S]*Self-reported[\s\S]*Certificates of attendance/,
      verify: /Valid: issued by/,
      notifications: /You have unread messages|A reply to your post|A new post in your seminar|A new version of a course material/,
      "analytics-growth": /Daily growth rate[\s\S]*Where new members came from/,
      "analytics-cohorts": /Retention by monthly cohort[\s\S]*<th scope="row">\d{4}-\d{2}<\/th>/,
    };
    let listed = 0;
    for (const s of scenarios) {
      for (const p of new Set(s.paths)) {
        const res = await fetch(server.url + p, { headers: s.anonymous ? {} : { cookie: s.cookie ?? cookie } });
        // React separates adjacent text parts with empty comments; a reader sees none of them.
        const html = (await res.text()).replaceAll("<!-- -->", "");
        expect(res.status, p).toBe(200);
        if (expectations[s.name]) expect(html, p).toMatch(expectations[s.name]!);
        if (s.name === "directory" && !html.includes("No members match")) listed++;
      }
    }
    // A filter may match nobody in so small an institute, but most of them find members.
    expect(listed).toBeGreaterThan(new Set(scenarios.find((s) => s.name === "directory")!.paths).size / 2);
  }, 120_000);
});
