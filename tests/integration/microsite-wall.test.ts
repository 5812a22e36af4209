// The 404 wall around every seminar (issue #5): for every route under /s/<slug> (found from app/routes, so routes
// added later are covered too), pages, data requests and form posts answer an outsider and a removed member exactly
// as they answer for a seminar that does not exist; a signed-out visitor is sent to sign in and learns nothing.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDemoContent, seedDemo } from "../../db/seed";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

const SLUG = "privacy-2027";
const MISSING = "no-such-seminar-2027";
const { institute, people } = readDemoContent();

let server: TestServer;
let params: Record<string, string>;
let foreign: { materialId: number; sessionId: number };

/** Every URL pattern under /s/$slug, from the flat-route names: a file's (name.tsx) or a folder's (name/route.tsx). */
function seminarRoutePatterns(): string[] {
  const dir = path.resolve("app/routes");
  const names = fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return ["route.tsx", "route.ts"].some((r) => fs.existsSync(path.join(dir, e.name, r))) ? [e.name] : [];
    return /\.tsx?$/.test(e.name) && !e.name.endsWith(".server.ts") && !e.name.endsWith(".test.ts") ? [e.name.replace(/\.tsx?$/, "")] : [];
  });
  return names
    .filter((name) => /^s\.\$slug[.[]?/.test(name))
    .map((name) => {
      // Split on dots that are not inside [ ] (escapes such as calendar[.]ics).
      const segments: string[] = [];
      let current = "";
      let depth = 0;
      for (const ch of name) {
        if (ch === "[") depth++;
        if (ch === "]") depth--;
        if (ch === "." && depth === 0) {
          segments.push(current);
          current = "";
        } else current += ch;
      }
      segments.push(current);
      return (
        "/" +
        segments
          .filter((s) => s !== "_index" && !s.startsWith("_"))
          .map((s) => s.replace(/\[(.*?)\]/g, "$1"))
          .join("/")
      );
    })
    .sort();
}

function urlFor(pattern: string, slug: string): string {
  return pattern.replace(/\$([A-Za-z]+)/g, (_m, name: string) => (name === "slug" ? slug : (params[name] ?? "1")));
}

/** A response with the per-response noise (CSP nonces) removed, for byte comparison. */
async function shape(res: Response, slug?: string) {
  let body = await res.text();
  body = body.replace(/nonce="[^"]*"/g, 'nonce=""').replace(/'nonce-[^']*'/g, "'nonce-'");
  if (slug) body = body.split(slug).join("<slug>");
  const location = res.headers.get("location");
  return {
    status: res.status,
    location: location && slug ? location.split(encodeURIComponent(slug)).join("<slug>").split(slug).join("<slug>") : location,
    body,
  };
}

/** Runs the checks for each pattern a few at a time (the server answers in parallel; CI has two cores). */
async function eachPattern(check: (pattern: string) => Promise<void>) {
  const patterns = seminarRoutePatterns();
  for (let i = 0; i < patterns.length; i += 4) await Promise.all(patterns.slice(i, i + 4).map(check));
}

async function signedIn(email: string) {
  const c = new Client(server.url);
  await c.signIn(email, institute.demoPassword);
  return c;
}

beforeAll(async () => {
  server = await startTestServer({ label: "wall" });
  await seedDemo(server.db, new Date(), { uploadsDir: server.uploadsDir });
  const q = <T>(sql: string, ...args: unknown[]) => server.db.$client.prepare(sql).get(...args) as T;
  const seminarId = q<{ id: number }>("select id from seminars where slug = ?", SLUG).id;
  const otherId = q<{ id: number }>("select id from seminars where slug = ?", "trial-advocacy-intensive").id;
  const wiki = q<{ slug: string } | undefined>("select slug from wiki_pages where seminar_id = ? limit 1", seminarId);
  const post = q<{ id: number } | undefined>("select id from blog_posts where seminar_id = ? limit 1", seminarId);
  params = {
    materialId: String(q<{ id: number }>("select id from materials where seminar_id = ? limit 1", seminarId).id),
    sessionId: String(q<{ id: number }>("select id from seminar_sessions where seminar_id = ? limit 1", seminarId).id),
    ...(wiki ? { page: wiki.slug } : {}),
    ...(post ? { postId: String(post.id), id: String(post.id) } : {}),
  };
  foreign = {
    materialId: q<{ id: number }>("select id from materials where seminar_id = ? limit 1", otherId).id,
    sessionId: q<{ id: number }>("select id from seminar_sessions where seminar_id = ? limit 1", otherId).id,
  };
});
afterAll(() => server?.stop());

describe("the 404 wall around a seminar", () => {
  it("finds the micro-site routes, including this issue's", () => {
    const patterns = seminarRoutePatterns();
    for (const p of ["/s/$slug", "/s/$slug/schedule", "/s/$slug/materials", "/s/$slug/materials/$materialId/download", "/s/$slug/calendar.ics", "/s/$slug/manage"]) {
      expect(patterns).toContain(p);
    }
  });

  it("a member gets the pages (the test's URLs are real)", async () => {
    const member = await signedIn(people[0]!.email);
    for (const p of ["/s/$slug", "/s/$slug/schedule", "/s/$slug/materials", "/s/$slug/materials/$materialId", "/s/$slug/calendar.ics"]) {
      const res = await member.get(urlFor(p, SLUG));
      expect(res.status, p).toBe(200);
    }
  });

  it("an outsider (member of another seminar) gets exactly the 404 of a missing seminar, for pages, data and posts", async () => {
    // people[40] attends the ethics seminar only.
    const outsider = await signedIn(people[40]!.email);
    await eachPattern(async (p) => {
      for (const suffix of ["", ".data"]) {
        const real = await outsider.get(urlFor(p, SLUG) + suffix);
        const missing = await outsider.get(urlFor(p, MISSING) + suffix);
        const a = await shape(real, SLUG);
        const b = await shape(missing, MISSING);
        expect(a.status, `${p}${suffix}`).toBe(404);
        expect(a, `${p}${suffix}`).toEqual(b);
        expect(a.body).not.toContain("Data Privacy Law");
      }
      const realPost = await shape(await outsider.post(urlFor(p, SLUG), { intent: "save", title: "x" }), SLUG);
      const missingPost = await shape(await outsider.post(urlFor(p, MISSING), { intent: "save", title: "x" }), MISSING);
      expect(realPost, `POST ${p}`).toEqual(missingPost);
      expect([404, 405], `POST ${p}`).toContain(realPost.status);
    });
  });

  it("a removed member loses access on their very next request", async () => {
    const member = await signedIn(people[1]!.email);
    expect((await member.get(`/s/${SLUG}/materials`)).status).toBe(200);
    const instructor = await signedIn("eleanor.vance@example.edu");
    const userId = (server.db.$client.prepare("select id from users where email = ?").get(people[1]!.email) as { id: number }).id;
    const removed = await instructor.post(`/s/${SLUG}/manage`, { intent: "remove", userId: String(userId) });
    expect(removed.status).toBe(302);
    await eachPattern(async (p) => {
      for (const suffix of ["", ".data"]) {
        const a = await shape(await member.get(urlFor(p, SLUG) + suffix), SLUG);
        const b = await shape(await member.get(urlFor(p, MISSING) + suffix), MISSING);
        expect(a.status, `${p}${suffix}`).toBe(404);
        expect(a, `${p}${suffix}`).toEqual(b);
      }
    });
    // Their calendar feed drops the seminar too.
    const page = await member.post("/calendar", { intent: "create" });
    const feedUrl = /value="(http[^"]+\.ics)"/.exec(await page.text())![1]!;
    const feed = await (await fetch(new URL(new URL(feedUrl).pathname, server.url))).text();
    expect(feed).toContain("BEGIN:VCALENDAR");
    expect(feed).not.toContain("Data Privacy Law");
  });

  it("a signed-out visitor is sent to sign in, the same way for a seminar that does not exist", async () => {
    const anon = new Client(server.url);
    await eachPattern(async (p) => {
      for (const suffix of ["", ".data"]) {
        const real = await anon.get(urlFor(p, SLUG) + suffix);
        const a = await shape(real, SLUG);
        const b = await shape(await anon.get(urlFor(p, MISSING) + suffix), MISSING);
        expect(a, `${p}${suffix}`).toEqual(b);
        expect(a.body).not.toContain("Data Privacy Law");
        if (suffix === "") {
          expect(a.status, p).toBe(302);
          expect(a.location, p).toMatch(/^\/login\?redirectTo=/);
        } else {
          // Single fetch answers a data request's redirect with 202 and the target in Location and the body.
          expect([202, 302], `${p}.data`).toContain(a.status);
          expect(a.location, `${p}.data`).toMatch(/^\/login\?redirectTo=/);
        }
      }
    });
  });

  it("an ID from another seminar in the URL gives 404, even to that seminar's instructor", async () => {
    const member = await signedIn(people[0]!.email);
    for (const url of [
      `/s/${SLUG}/materials/${foreign.materialId}`,
      `/s/${SLUG}/materials/${foreign.materialId}/download`,
      `/s/${SLUG}/materials/${foreign.materialId}/download?version=1`,
      `/s/${SLUG}/materials/abc`,
    ]) {
      expect((await member.get(url)).status, url).toBe(404);
    }
    const instructor = await signedIn("eleanor.vance@example.edu");
    for (const url of [`/s/${SLUG}/schedule/${foreign.sessionId}`, `/s/${SLUG}/materials/${foreign.materialId}/upload`]) {
      expect((await instructor.get(url)).status, url).toBe(404);
    }
    const post = await instructor.post(`/s/${SLUG}/schedule/${foreign.sessionId}`, { intent: "delete" });
    expect(post.status).toBe(404);
    const still = server.db.$client.prepare("select count(*) n from seminar_sessions where id = ?").get(foreign.sessionId) as { n: number };
    expect(still.n).toBe(1);
  });

  it("attendees cannot reach the instructors' pages", async () => {
    const member = await signedIn(people[2]!.email);
    for (const url of [`/s/${SLUG}/manage`, `/s/${SLUG}/schedule/new`, `/s/${SLUG}/materials/new`, `/s/${SLUG}/schedule/${params.sessionId}`]) {
      expect((await member.get(url)).status, url).toBe(403);
    }
    // The actions guard themselves too (a hidden link protects nothing): an attendee's posts change nothing.
    const del = await member.post(`/s/${SLUG}/schedule/${params.sessionId}`, { intent: "delete" });
    expect(del.status).toBe(403);
    const add = await member.post(`/s/${SLUG}/manage`, { intent: "add", email: people[40]!.email, role: "instructor" });
    expect(add.status).toBe(403);
    expect((await member.get(`/s/${SLUG}/schedule`)).status).toBe(200);
    expect(await (await member.get(`/s/${SLUG}/schedule`)).text()).toContain(`id="session-${params.sessionId}"`);
    const nav = await (await member.get(`/s/${SLUG}`)).text();
    expect(nav).not.toContain(`href="/s/${SLUG}/manage"`);
  });
});
