// GET /events (issue #24): the signed-in member's live-update stream. Signed out it is a plain 401 (an EventSource
// cannot follow a sign-in redirect); signed in it starts with a `ready` event; and open streams do not hold a
// stopping server: it ends them and exits by itself.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../db/factories";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ label: "events" });
  await createUser(server.db, { email: "ada@example.com", name: "Ada Lovelace", password: "a long enough password 1" });
});
afterAll(() => server?.stop());

describe("the live-update stream", () => {
  it("is refused with 401 to anyone signed out", async () => {
    const res = await fetch(`${server.url}/events`, { redirect: "manual" });
    expect(res.status).toBe(401);
    expect(await res.text()).toBe("Sign in to receive live updates.");
  });

  it("sends `ready` at once to a member, and ends cleanly when the server stops", async () => {
    const client = new Client(server.url);
    await client.signIn("ada@example.com", "a long enough password 1");
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http.get(`${server.url}/events`, { headers: { Cookie: client.cookieHeader(), Accept: "text/event-stream" } }, resolve).on("error", reject);
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    expect(res.headers["x-accel-buffering"]).toBe("no");
    expect(res.headers["cache-control"]).toBe("no-store, no-transform");
    res.setEncoding("utf8");
    let text = "";
    const ended = new Promise<void>((resolve) => res.on("end", resolve).on("close", resolve));
    await new Promise<void>((resolve) =>
      res.on("data", (d: string) => {
        text += d;
        if (text.includes("\n\n")) resolve();
      }),
    );
    expect(text).toMatch(/^retry: 5000\nevent: ready\ndata: \{"at":"[^"]+"\}\n\n/);

    await server.stop();
    await ended;
    expect(server.exit()).toEqual({ code: 0, signal: null });
  });
});
