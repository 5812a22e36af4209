// Stopping the server under load (issue 12): SIGTERM lets in-flight requests finish, every acknowledged write is in
// the database afterwards, the process exits 0, and the database connection closes cleanly (on Node 24 a statement
// finalised after its environment is gone aborts the process).
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createSeminar, createUser } from "../../db/factories";
import * as schema from "../../db/schema";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

describe("a graceful stop", () => {
  let server: TestServer;
  const password = "correct horse battery staple";
  let postPath = "";

  beforeAll(async () => {
    server = await startTestServer({ label: "shutdown" });
    const seminar = createSeminar(server.db, { slug: "stop-sem", title: "Stopping Seminar" });
    const author = await createUser(server.db, { email: "author@example.com", name: "Ann Author" });
    addMember(server.db, { seminarId: seminar.id, userId: author.id, role: "attendee" });
    const c = new Client(server.url);
    await c.signIn("author@example.com", password);
    expect((await c.post("/s/stop-sem/blog/new", { intent: "publish", title: "Under load", body: "Comments below.", tags: "" })).status).toBe(302);
    const post = server.db.select().from(schema.blogPosts).all().at(-1)!;
    postPath = `/s/stop-sem/blog/${post.id}`;
  });
  afterAll(async () => server?.stop());

  it("on SIGTERM during a burst of writes, exits 0 and keeps every write it acknowledged", async () => {
    // One sign-in (the sign-in throttle counts attempts per address), shared by six parallel writers.
    const first = new Client(server.url);
    await first.signIn("author@example.com", password);
    const clients = Array.from({ length: 6 }, () => {
      const c = new Client(server.url);
      c.cookies = new Map(first.cookies);
      return c;
    });
    const acknowledged: string[] = [];
    let refused = 0;
    let n = 0;
    let stopped = false;
    const loops = clients.map(async (c) => {
      while (!stopped) {
        const body = `load comment ${++n}`;
        try {
          const res = await c.post(postPath, { intent: "comment", formKey: "new", body });
          if (res.status === 302) acknowledged.push(body);
          else expect(res.status, await res.text()).toBe(302);
        } catch {
          // The server stopped accepting connections: this write was never acknowledged.
          refused++;
          if (refused > 20) return;
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    });
    // Let the burst get going, then stop the server in the middle of it.
    while (acknowledged.length < 30) await new Promise((r) => setTimeout(r, 10));
    const exit = await server.terminate();
    stopped = true;
    await Promise.all(loops);

    expect(exit).toEqual({ code: 0, signal: null });
    expect(server.output()).not.toMatch(/Assertion|FATAL|Error/);
    const sqlite = new Database(server.dbFile, { readonly: true });
    try {
      const stored = new Set(
        (sqlite.prepare("select body_md as body from comments").all() as { body: string }[]).map((r) => r.body),
      );
      const lost = acknowledged.filter((b) => !stored.has(b));
      expect(lost).toEqual([]);
      expect(acknowledged.length).toBeGreaterThanOrEqual(30);
      expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
    } finally {
      sqlite.close();
    }
  });
});
