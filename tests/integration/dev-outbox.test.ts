// Without SMTP_URL (development) mail stays in the outbox, and admins read it in the app.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSeminar, createUser } from "../../db/factories";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

const PASSWORD = "a long enough password 1";
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ label: "dev-outbox" });
  await createUser(server.db, { email: "grace@institute.example", name: "Grace Hopper", role: "admin", password: PASSWORD });
  await createUser(server.db, { email: "ada@firm.example", name: "Ada Lovelace", password: PASSWORD });
  createSeminar(server.db, { title: "Ethics and AI", slug: "ethics-ai" });
});
afterAll(() => server?.stop());

describe("the development outbox", () => {
  it("holds invitations and reset mails, readable by admins only, links included", async () => {
    const admin = new Client(server.url);
    await admin.signIn("grace@institute.example", PASSWORD);
    expect((await admin.post("/admin/invitations/new", { email: "newbie@firm.example", seminar: "", days: "14", message: "Hello <b>there</b>" })).status).toBe(302);
    await new Client(server.url).post("/forgot-password", { email: "ada@firm.example" });
    let list = "";
    await expect
      .poll(async () => {
        list = await (await admin.get("/admin/mail")).text();
        return (list.match(/Development outbox<\/span>/g) ?? []).length;
      })
      .toBe(2);
    expect(list).toContain("SMTP_URL is not set");
    expect(list).toContain("newbie@firm.example");
    const id = /href="\/admin\/mail\/(\d+)"[^>]*>Grace Hopper invited you/.exec(list)![1];
    const message = await (await admin.get(`/admin/mail/${id}`)).text();
    expect(message).toMatch(/\/invite\/[A-Za-z0-9_-]{43}/);
    expect(message).toContain("Hello &lt;b&gt;there&lt;/b&gt;");
    const html = await admin.get(`/admin/mail/${id}/html`);
    expect(html.status).toBe(200);
    expect(html.headers.get("content-security-policy")).toContain("sandbox");
    expect(await html.text()).toContain("Hello &lt;b&gt;there&lt;/b&gt;");
    // Members cannot read it.
    const member = new Client(server.url);
    await member.signIn("ada@firm.example", PASSWORD);
    expect((await member.get("/admin/mail")).status).toBe(403);
    expect((await member.get(`/admin/mail/${id}`)).status).toBe(403);
    expect((await member.get(`/admin/mail/${id}/html`)).status).toBe(403);
  });
});
