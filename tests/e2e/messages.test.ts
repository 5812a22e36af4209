// Issue #15 journeys in Chromium against the production build, mail through a real SMTP server: messaging a
// classmate from their profile (allowed) and a stranger (refused by their choice), live delivery into an open
// conversation and the header count, the unread-message mail after the delay (a link, never the text), and
// report → hide → the author sees it hidden while the reporter no longer sees it.
import { eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, db } from "~/models/db.server";
import { saveMessageSettings } from "~/models/message-settings.server";
import { resetEnvForTests } from "~/utils/env.server";
import { addMember, createSeminar, createUser } from "../../db/factories";
import * as schema from "../../db/schema";
import { hasBrowser, launchBrowser } from "../helpers/browser";
import { startTestServer, type TestServer } from "../helpers/server";
import { startSmtpServer, type TestSmtp } from "../helpers/smtp";

const SECRET = "messages-e2e-secret-0123456789-abcdefghijklmno";
const PASSWORD = "correct horse battery staple";

describe.skipIf(!hasBrowser)("direct messages in a browser", () => {
  let smtp: TestSmtp;
  let server: TestServer;
  let browser: Browser;
  const ids: Record<string, number> = {};
  const contexts: Record<string, BrowserContext> = {};

  async function signIn(who: string, to: string): Promise<Page> {
    contexts[who] ??= await browser.newContext();
    const page = await contexts[who]!.newPage();
    await page.goto(`${server.url}/login?redirectTo=${encodeURIComponent(to)}`);
    await page.getByLabel("Email").fill(`${who}@example.com`);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => u.pathname === to.split("?")[0]);
    return page;
  }

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({ label: "messages-e2e", env: { SMTP_URL: smtp.url, SESSION_SECRET: SECRET } });
    closeDatabase();
    process.env.DATABASE_PATH = server.dbFile;
    process.env.SESSION_SECRET = SECRET;
    resetEnvForTests();
    browser = await launchBrowser();
    const d = db();
    for (const [key, name, role] of [
      ["ada", "Ada Lovelace", "member"],
      ["bob", "Bob Marley", "member"],
      ["sam", "Sam Stranger", "member"],
      ["staff", "Stella Staff", "admin"],
    ] as const) {
      ids[key] = (await createUser(d, { name, email: `${key}@example.com`, role })).id;
    }
    const s = createSeminar(d, { title: "Privacy Law", slug: "privacy-law" });
    addMember(d, { seminarId: s.id, userId: ids.ada! });
    addMember(d, { seminarId: s.id, userId: ids.bob! });
    saveMessageSettings({ userId: ids.sam!, whoMayMessage: "seminars", unreadMailMinutes: 60 });
    saveMessageSettings({ userId: ids.bob!, whoMayMessage: "seminars", unreadMailMinutes: 15 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
  });

  let conversationUrl = "";

  it("messages a classmate from their profile, and is refused by a stranger's choice", async () => {
    const ada = await signIn("ada", `/people/${ids.bob}`);
    await ada.getByRole("link", { name: "Send a message" }).click();
    await ada.waitForURL((u) => u.pathname === "/messages/new");
    await expect(ada.getByRole("checkbox", { name: "Bob Marley" }).isChecked()).resolves.toBe(true);
    await ada.getByLabel("Message", { exact: true }).fill("Hello **Bob**, see you on Tuesday?");
    await ada.getByRole("button", { name: "Send" }).click();
    await ada.waitForURL((u) => /^\/messages\/\d+$/.test(u.pathname));
    conversationUrl = new URL(ada.url()).pathname;
    await ada.locator(".message strong", { hasText: "Bob" }).waitFor();

    // Sam takes messages only from people in his seminars: no button, and the form says so.
    await ada.goto(`${server.url}/people/${ids.sam}`);
    await expect(ada.getByRole("link", { name: "Send a message" }).count()).resolves.toBe(0);
    await ada.goto(`${server.url}/messages/new?to=${ids.sam}`);
    await ada.getByText("Sam Stranger does not accept messages from you.").waitFor();
    await expect(ada.getByRole("button", { name: "Send" }).count()).resolves.toBe(0);
  }, 90_000);

  it("delivers a new message live into the open conversation and the unread count", async () => {
    const bob = await signIn("bob", "/messages");
    await expect(bob.getByTestId("unread-messages").textContent()).resolves.toBe("1");
    await bob.getByRole("link", { name: "Ada Lovelace" }).first().click();
    await bob.waitForURL((u) => u.pathname === conversationUrl);
    await bob.getByText("see you on Tuesday?").waitFor();
    await bob.getByTestId("unread-messages").waitFor({ state: "detached" });

    const ada = (await contexts.ada!.pages())[0]!;
    await ada.goto(`${server.url}${conversationUrl}`);
    await ada.getByLabel("Message", { exact: true }).fill("Bring the GDPR casebook, please.");
    await ada.getByRole("button", { name: "Send" }).click();
    // No reload on Bob's side: the stream tells the page, which fetches the new message.
    await bob.getByText("Bring the GDPR casebook, please.").waitFor({ timeout: 10_000 });

    // A second tab of Bob's on another page shows the count go up live.
    const other = await contexts.bob!.newPage();
    await other.goto(`${server.url}/people/${ids.bob}`);
    // Give the page time to hydrate and open its live-update stream.
    await other.waitForLoadState("load");
    await other.waitForTimeout(1500);
    await bob.close();
    await ada.getByLabel("Message", { exact: true }).fill("And the slides.");
    await ada.getByRole("button", { name: "Send" }).click();
    await expect(other.getByTestId("unread-messages").textContent({ timeout: 10_000 })).resolves.toBe("1");
  }, 90_000);

  it("mails an unread message after the member's delay, with a link and without the text", async () => {
    // The message has waited past Bob's 15 minutes.
    db().update(schema.conversationMembers).set({ pendingSince: Date.now() - 20 * 60_000 }).where(eq(schema.conversationMembers.userId, ids.bob!)).run();
    const mail = await smtp.waitFor((m) => m.to === "bob@example.com", 20_000);
    expect(mail.subject).toBe("You have unread messages from Ada Lovelace");
    expect(mail.text + mail.html).not.toContain("slides");
    const link = mail.links.find((l) => l.includes("/messages/"))!;
    expect(new URL(link).pathname).toBe(conversationUrl);
  });

  it("report → hide → the author sees it hidden, everyone else no longer sees it", async () => {
    const bob = await contexts.bob!.newPage();
    await bob.goto(`${server.url}${conversationUrl}`);
    const slides = bob.locator(".message", { hasText: "And the slides." });
    await slides.getByRole("link", { name: "Report" }).click();
    await bob.getByRole("heading", { name: /^Report/ }).waitFor();
    await bob.getByLabel("Harassment or abuse").check();
    await bob.getByRole("button", { name: "Send report" }).click();
    await bob.getByText("your report is with the moderators").waitFor();

    const staff = await signIn("staff", "/moderation");
    await staff.getByRole("link", { name: /A message from Ada Lovelace/ }).click();
    await staff.waitForURL((u) => /^\/moderation\/\d+$/.test(u.pathname));
    await staff.getByRole("heading", { name: /^Report: A message from Ada Lovelace/ }).waitFor();
    await expect(staff.locator("blockquote.report-excerpt").textContent()).resolves.toContain("And the slides.");
    await staff.getByRole("radio", { name: /Hidden \(its author/ }).check();
    await staff.getByRole("button", { name: "Decide" }).click();
    await staff.getByText("The reporter has been told").waitFor();

    const ada = (await contexts.ada!.pages())[0]!;
    await ada.goto(`${server.url}${conversationUrl}`);
    await ada.getByText("Hidden by the moderators: only you can see this message.").waitFor();
    await bob.goto(`${server.url}${conversationUrl}`);
    await bob.getByText("Bring the GDPR casebook, please.").waitFor();
    await expect(bob.getByText("And the slides.").count()).resolves.toBe(0);
    const told = await smtp.waitFor((m) => m.to === "bob@example.com" && m.subject.startsWith("Your report"));
    expect(told.text).toContain("The moderators hid it");
  }, 90_000);
});
