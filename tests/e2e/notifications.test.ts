// Issue #15 in Chromium against the production build, with a real SMTP server: a mention lights the bell live (no
// reload), the notification links to the place and can be marked read; the mention mail carries an RFC 8058
// one-click unsubscribe that works with a bare POST and no sign-in; @-completion offers only the seminar's members.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createSeminar, createUser } from "../../db/factories";
import * as schema from "../../db/schema";
import { hasBrowser, launchBrowser } from "../helpers/browser";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";
import { startSmtpServer, type TestSmtp } from "../helpers/smtp";

const PASSWORD = "correct horse battery staple";

describe.skipIf(!hasBrowser)("notifications, mentions and one-click unsubscribe in a browser", () => {
  let server: TestServer;
  let smtp: TestSmtp;
  let browser: Browser;
  let ada: typeof schema.users.$inferSelect;
  let ben: typeof schema.users.$inferSelect;
  const local = (url: string) => url.replace(/^http:\/\/127\.0\.0\.1(:\d+)?/, server.url);

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({ label: "notifications-e2e", env: { SMTP_URL: smtp.url } });
    const s = createSeminar(server.db, { slug: "privacy", title: "Privacy in Practice" });
    const other = createSeminar(server.db, { slug: "tax", title: "Tax Basics" });
    ada = await createUser(server.db, { email: "ada@example.com", name: "Ada Attendee" });
    ben = await createUser(server.db, { email: "ben@example.com", name: "Ben Bennett" });
    const otto = await createUser(server.db, { email: "otto@example.com", name: "Otto Outsider" });
    addMember(server.db, { seminarId: s.id, userId: ada.id });
    addMember(server.db, { seminarId: s.id, userId: ben.id });
    addMember(server.db, { seminarId: other.id, userId: otto.id });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
  });

  async function signedIn(email: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext();
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "My seminars" }).waitFor();
    return { context, page };
  }

  it("a mention lights the bell live, links to the post, is marked read; its mail unsubscribes in one click", { timeout: 60_000 }, async () => {
    const { context, page } = await signedIn("ada@example.com");
    await page.getByRole("link", { name: "Notifications, none unread" }).waitFor();

    // Ben publishes a post mentioning Ada (and Otto, who is not in the seminar and must hear nothing).
    const benClient = new Client(server.url);
    await benClient.signIn("ben@example.com", PASSWORD);
    const body = `Ada, see @[Ada Attendee](/people/${ada.id}). Otto too: @[Otto Outsider](/people/3).`;
    expect((await benClient.post("/s/privacy/blog/new", { intent: "publish", title: "Breach notice timelines", body, tags: "" })).status).toBe(302);

    // No reload: the live stream updates the count.
    await page.getByRole("link", { name: "Notifications, 1 unread" }).waitFor();
    await page.getByRole("link", { name: "Notifications, 1 unread" }).click();
    await page.getByRole("heading", { name: "Notifications" }).waitFor();
    const entry = page.getByRole("link", { name: "Ben Bennett mentioned you in “Breach notice timelines”" });
    await page.getByRole("button", { name: /^Mark as read/ }).click();
    await page.getByRole("link", { name: "Notifications, none unread" }).waitFor();
    expect(await page.getByRole("button", { name: /^Mark as read/ }).count()).toBe(0);
    await entry.click();
    await page.getByRole("heading", { name: "Breach notice timelines" }).waitFor();
    expect(server.db.select().from(schema.notifications).all().map((n) => n.userId)).toEqual([ada.id]);

    // The mention mail, with RFC 8058 headers.
    const mail = await smtp.waitFor((m) => m.to === "ada@example.com");
    expect(mail.text).toContain("Ben Bennett mentioned you in “Breach notice timelines”");
    const unfolded = mail.raw.replace(/\r?\n[ \t]+/g, " ");
    expect(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/im.test(unfolded)).toBe(true);
    const url = local(/^List-Unsubscribe: <([^>]+)>/im.exec(unfolded)![1]!);
    expect(smtp.messages.some((m) => m.to === "otto@example.com")).toBe(false);

    // Opening the link (a mail scanner does) changes nothing; a tampered token is "no such page".
    const anon = await browser.newContext();
    const anonPage = await anon.newPage();
    await anonPage.goto(url);
    await anonPage.getByRole("heading", { name: "Unsubscribe" }).waitFor();
    expect((await fetch(url.replace(/.$/, (c) => (c === "A" ? "B" : "A")))).status).toBe(404);
    expect(server.db.select().from(schema.mailPreferences).all()).toEqual([]);

    // The mail provider's one-click POST: no cookie, no Origin, just the RFC 8058 body.
    const oneClick = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
      redirect: "manual",
    });
    expect(oneClick.status).toBe(200);
    await anonPage.reload();
    await anonPage.getByRole("heading", { name: "You are unsubscribed" }).waitFor();
    await anon.close();

    // Ada sees it in her settings, and other forms without an Origin are still refused.
    await page.goto(`${server.url}/profile/settings`);
    const mentions = page.getByRole("group", { name: "Mentions of me" });
    expect(await mentions.getByLabel("In the portal only").isChecked()).toBe(true);
    expect((await fetch(`${server.url}/profile/settings`, { method: "POST", body: new URLSearchParams({ mode: "paused" }) })).status).toBe(403);
    await context.close();
  });

  it("a paused member is not told of a mention; settings save mode and time zone", { timeout: 60_000 }, async () => {
    const { context, page } = await signedIn("ada@example.com");
    const benClient = new Client(server.url);
    await benClient.signIn("ben@example.com", PASSWORD);
    await page.goto(`${server.url}/profile/settings`);
    // She pauses (and moves to London); a later mention reaches her not at all.
    await page.getByRole("radio", { name: /^Paused/ }).check();
    await page.getByLabel("Your time zone").selectOption("Europe/London");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Your settings are saved.").waitFor();
    expect(server.db.select().from(schema.participation).all()).toMatchObject([{ userId: ada.id, mode: "paused", timeZone: "Europe/London" }]);
    const post = server.db.select().from(schema.blogPosts).all().at(-1)!;
    expect((await benClient.post(`/s/privacy/blog/${post.id}`, { intent: "comment", formKey: "new", body: "Still there, @Ada Attendee?" })).status).toBeLessThan(400);
    expect(server.db.select().from(schema.comments).all()).toHaveLength(1);
    expect(server.db.select().from(schema.notifications).all()).toHaveLength(1);
    // Back to taking part for the next journey.
    await page.getByRole("radio", { name: /^Active contributor/ }).check();
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Your settings are saved.").waitFor();
    await context.close();
  });

  it("@-completion offers the seminar's members and inserts the mention; outsiders cannot ask", { timeout: 60_000 }, async () => {
    const otto = new Client(server.url);
    await otto.signIn("otto@example.com", PASSWORD);
    expect((await otto.get("/s/privacy/mentions?q=ada")).status).toBe(404);

    const { context, page } = await signedIn("ben@example.com");
    const post = server.db.select().from(schema.blogPosts).all().at(-1)!;
    await page.goto(`${server.url}/s/privacy/blog/${post.id}`);
    const box = page.getByLabel("Add a comment");
    await box.click();
    await box.pressSequentially("Thanks @Ad");
    await page.getByRole("button", { name: "Ada Attendee" }).click();
    expect(await box.inputValue()).toBe(`Thanks @[Ada Attendee](/people/${ada.id}) `);
    await page.getByRole("button", { name: /^(Post comment|Comment)$/ }).click();
    await page.getByRole("article", { name: "Comment by Ben Bennett" }).getByRole("link", { name: "Ada Attendee" }).waitFor();
    const notes = server.db.select().from(schema.notifications).all().filter((n) => n.userId === ada.id);
    // (The mention while she was paused left nothing.)
    expect(notes.map((n) => [n.event, n.refKind, n.delivery])).toEqual([
      ["mention", "post", "immediate"],
      ["mention", "comment", "portal"],
    ]);
    await context.close();
  });
});
