// Issue 23: pages whose data is complete are rendered to one string instead of streamed. The HTML must be byte for
// byte what the streaming render sends: the same production build is started twice on the same database file, once
// as shipped and once with DOCUMENT_RENDERING=stream, and every page is compared (the per-request CSP nonce aside).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createSeminar, createUser } from "../../db/factories";
import * as schema from "../../db/schema";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

const password = "correct horse battery staple";

async function seed(server: TestServer): Promise<Client> {
  const seminar = createSeminar(server.db, { slug: "render-sem", title: "Rendering & <Seminar>" });
  const member = await createUser(server.db, { email: "reader@example.com", name: "Rhea Reader" });
  addMember(server.db, { seminarId: seminar.id, userId: member.id, role: "instructor" });
  const c = new Client(server.url);
  await c.signIn("reader@example.com", password);
  const post = await c.post("/s/render-sem/blog/new", { intent: "publish", title: "Quotes “and” <tags>", body: "A **bold** line & more.\n\n- one\n- two", tags: "" });
  expect(post.status).toBe(302);
  const wiki = await c.post("/s/render-sem/wiki/case-notes/edit", { intent: "save", title: "Case notes", body: "First line with `code`.", note: "", baseRevision: "0" });
  expect(wiki.status).toBe(302);
  // Show the pending flash message now, so it cannot appear on one server's page and not the other's.
  expect((await c.get("/")).status).toBe(200);
  return c;
}

/** The nonce differs on every response; everything else must not. */
const withoutNonce = (html: string) => html.replace(/nonce="[^"]*"/g, 'nonce=""');

describe("string rendering of complete pages (issue 23)", () => {
  let asShipped: TestServer;
  let streaming: TestServer;
  let a: Client;
  let b: Client;
  let postPath = "";

  beforeAll(async () => {
    asShipped = await startTestServer({ label: "render-string" });
    a = await seed(asShipped);
    streaming = await startTestServer({
      label: "render-stream",
      env: { DOCUMENT_RENDERING: "stream", DATABASE_PATH: asShipped.dbFile, UPLOADS_DIR: asShipped.uploadsDir },
    });
    // One database, so the same session cookie signs in on both.
    b = new Client(streaming.url);
    b.cookies = new Map(a.cookies);
    const post = asShipped.db.select().from(schema.blogPosts).all().at(-1)!;
    postPath = `/s/render-sem/blog/${post.id}`;
  });
  afterAll(async () => Promise.all([asShipped?.stop(), streaming?.stop()]));

  it("sends the same bytes as the streaming render on every page tried, signed in and not", async () => {
    const pages = ["/", "/s/render-sem", "/s/render-sem/blog", postPath, "/s/render-sem/wiki", "/s/render-sem/wiki/case-notes", "/people", "/account", "/notifications", "/s/no-such-seminar", "/no/such/page"];
    for (const page of pages) {
      const [x, y] = await Promise.all([a.get(page), b.get(page)]);
      expect(x.status, page).toBe(y.status);
      const [htmlX, htmlY] = await Promise.all([x.text(), y.text()]);
      expect(htmlX.length, page).toBeGreaterThan(500);
      expect(withoutNonce(htmlX), page).toBe(withoutNonce(htmlY));
      // The page carries its data inline for the browser, complete.
      if (x.status === 200) expect(htmlX, page).toContain("window.__remixContext.streamController.close()");
    }
    for (const page of ["/login", "/reset-password"]) {
      const [x, y] = await Promise.all([fetch(asShipped.url + page), fetch(streaming.url + page)]);
      expect(x.status, page).toBe(y.status);
      expect(withoutNonce(await x.text()), page).toBe(withoutNonce(await y.text()));
    }
  });

  it("sends a complete page in one piece with its length, where streaming sent chunks", async () => {
    const [x, y] = await Promise.all([a.get("/s/render-sem"), b.get("/s/render-sem")]);
    expect(x.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(Number(x.headers.get("content-length"))).toBe(Buffer.byteLength(await x.text()));
    expect(y.headers.get("transfer-encoding")).toBe("chunked");
    await y.text();
  });
});
