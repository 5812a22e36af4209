// Browser journeys for invitations: an admin invites an attorney, the attorney follows the emailed link, confirms,
// sets a password and lands in the seminar; expired and reused links show the clear page.
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSeminar, createUser } from "../../db/factories";
import { invitationMails, invitations, memberships, users } from "../../db/schema";
import { hasBrowser, launchBrowser } from "../helpers/browser";
import { startTestServer, type TestServer } from "../helpers/server";
import { startSmtpServer, type TestSmtp } from "../helpers/smtp";

const ADMIN_PASSWORD = "a long enough password 1";

describe.skipIf(!hasBrowser)("invitations in a browser", () => {
  let server: TestServer;
  let smtp: TestSmtp;
  let browser: Browser;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({ label: "invite-e2e", env: { SMTP_URL: smtp.url } });
    await createUser(server.db, { email: "grace@institute.example", name: "Grace Hopper", role: "admin", password: ADMIN_PASSWORD });
    createSeminar(server.db, { title: "Trial Advocacy Intensive", slug: "trial-advocacy" });
    browser = await launchBrowser();
  });

  async function newContext(options: Parameters<Browser["newContext"]>[0] = {}) {
    const ctx = await browser.newContext(options);
    ctx.setDefaultTimeout(10_000);
    return ctx;
  }
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
  });

  function watch(page: Page) {
    const problems: string[] = [];
    // A 4xx on a form post (a validation error shown next to the field) is expected, not a problem.
    page.on("console", (m) => m.type() === "error" && !/status of 4\d\d/.test(m.text()) && problems.push(m.text()));
    page.on("pageerror", (e) => problems.push(e.message));
    return problems;
  }

  async function adminInvites(page: Page, email: string, message: string) {
    await page.goto(`${server.url}/admin/invitations/new`);
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Name (optional)").fill("Maria Alvarez");
    await page.getByLabel("Seminar").selectOption({ label: "Trial Advocacy Intensive" });
    await page.getByLabel("Personal message (optional)").fill(message);
    await page.getByRole("button", { name: "Send invitation" }).click();
    await page.getByRole("status").filter({ hasText: `Invitation sent to ${email}` }).waitFor();
    const mail = await smtp.waitFor((m) => m.to === email);
    return mail.links.find((l) => l.includes("/invite/"))!.replace(/^http:\/\/[^/]+/, server.url);
  }

  it("an admin invites an attorney, who follows the emailed link, confirms, sets a password and lands in the seminar", async () => {
    const adminCtx = await newContext();
    const adminPage = await adminCtx.newPage();
    const adminProblems = watch(adminPage);
    await adminPage.goto(`${server.url}/login`);
    await adminPage.getByLabel("Email").fill("grace@institute.example");
    await adminPage.getByLabel("Password").fill(ADMIN_PASSWORD);
    await adminPage.getByRole("button", { name: "Sign in" }).click();
    await adminPage.getByRole("heading", { name: "My seminars" }).waitFor();
    await adminPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Invitations" }).click();
    await adminPage.getByRole("heading", { name: "Invitations", level: 1 }).waitFor();
    const link = await adminInvites(adminPage, "maria@firm.example", "Bring a case you are working on.");

    // The attorney, on a phone.
    const ctx = await newContext({ viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    const problems = watch(page);
    await page.goto(link);
    await page.getByRole("heading", { name: "You're invited to Trial Advocacy Intensive" }).waitFor();
    expect(await page.getByText("Bring a case you are working on.").isVisible()).toBe(true);
    expect(await page.getByText("Grace Hopper").first().isVisible()).toBe(true);
    // A mistake first: the passwords differ. The name stays filled in.
    await page.getByLabel("Your name").fill("Maria Alvarez");
    await page.getByLabel("Choose a password").fill("violet kettle harbour lamp");
    await page.getByLabel("Repeat the password").fill("violet kettle harbour lump");
    await page.getByRole("button", { name: "Accept and create account" }).click();
    await page.getByText("The two passwords don't match.").waitFor();
    expect(await page.getByLabel("Your name").inputValue()).toBe("Maria Alvarez");
    await page.getByLabel("Choose a password").fill("violet kettle harbour lamp");
    await page.getByLabel("Repeat the password").fill("violet kettle harbour lamp");
    await page.getByRole("button", { name: "Accept and create account" }).click();
    await expect.poll(() => new URL(page.url()).pathname).not.toMatch(/^\/invite\//);
    // Newcomers may pass through profile set-up (issue #4) on their way; "finish later" goes on to the seminar.
    if (new URL(page.url()).pathname === "/onboarding") await page.getByRole("link", { name: "finish later" }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/s/trial-advocacy");
    await page.getByText("Trial Advocacy Intensive").first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    const u = server.db.select().from(users).where(eq(users.email, "maria@firm.example")).get()!;
    expect(u.name).toBe("Maria Alvarez");
    expect(server.db.select().from(memberships).where(eq(memberships.userId, u.id)).all()).toHaveLength(1);

    // The admin sees the invitation accepted.
    await adminPage.goto(`${server.url}/admin/invitations`);
    const row = adminPage.getByRole("row").filter({ hasText: "maria@firm.example" });
    await row.getByText("Accepted").waitFor();
    expect(await row.textContent()).toContain("by Maria Alvarez");

    // The sending limits open by a client-side link (their form is built in the browser too) and save.
    await adminPage.getByRole("link", { name: "Sending limits" }).click();
    await adminPage.getByLabel("Quiet period for one address (hours)").fill("36");
    await adminPage.getByRole("button", { name: "Save limits" }).click();
    await adminPage.getByText("The invitation limits were saved.").waitFor();
    expect(await adminPage.getByLabel("Quiet period for one address (hours)").inputValue()).toBe("36");

    // The same link again, in a fresh browser: the clear page.
    const again = await newContext();
    const againPage = await again.newPage();
    await againPage.goto(link);
    await againPage.getByRole("heading", { name: "This invitation link can't be used" }).waitFor();
    expect(problems.join("\n")).toBe("");
    expect(adminProblems.join("\n")).toBe("");
    await Promise.all([ctx.close(), again.close(), adminCtx.close()]);
  });

  it("an expired link shows the clear page, and asking for a new invitation works without JavaScript", async () => {
    // Staff on a phone this time.
    const adminCtx = await newContext({ viewport: { width: 390, height: 844 } });
    const adminPage = await adminCtx.newPage();
    await adminPage.goto(`${server.url}/login`);
    await adminPage.getByLabel("Email").fill("grace@institute.example");
    await adminPage.getByLabel("Password").fill(ADMIN_PASSWORD);
    await adminPage.getByRole("button", { name: "Sign in" }).click();
    await adminPage.getByRole("heading", { name: "My seminars" }).waitFor();
    const link = await adminInvites(adminPage, "late@firm.example", "");
    server.db.update(invitations).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(invitations.email, "late@firm.example")).run();
    // Its mail went out long ago too, so the quiet period for the address is over (issue #21).
    server.db.update(invitationMails).set({ createdAt: new Date(Date.now() - 15 * 86400_000) }).run();

    const ctx = await newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    const res = await page.goto(link);
    expect(res!.status()).toBe(410);
    await page.getByRole("heading", { name: "This invitation link can't be used" }).waitFor();
    await page.getByRole("button", { name: "Ask for a new invitation" }).click();
    await page.getByText("the person who sent it has been told").waitFor();
    await smtp.waitFor((m) => m.to === "grace@institute.example" && m.subject === "late@firm.example asked for a new invitation");

    // The admin resends; the new link works and the old one stays dead.
    await adminPage.goto(`${server.url}/admin/invitations?state=expired`);
    expect(await adminPage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    smtp.clear();
    await adminPage.getByRole("button", { name: "Resend the invitation to late@firm.example" }).click();
    await adminPage.getByText("A new invitation link was sent").waitFor();
    const fresh = (await smtp.waitFor((m) => m.to === "late@firm.example")).links.find((l) => l.includes("/invite/"))!;
    expect(fresh).not.toBe(link);
    await page.goto(fresh.replace(/^http:\/\/[^/]+/, server.url));
    await page.getByRole("heading", { name: "You're invited to Trial Advocacy Intensive" }).waitFor();
    await Promise.all([ctx.close(), adminCtx.close()]);
  });
});
