// Issue #19 in a browser: a member invites a colleague within the quota (the mail arrives on the loopback SMTP
// server) and is refused beyond it; the colleague accepts; a staff member sees who invited them on the profile; a
// plain member finds no staff settings page.
import { eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../db/factories";
import { memberInvitationSettings, users } from "../../db/schema";
import { hasBrowser, launchBrowser, watchPage } from "../helpers/browser";
import { startTestServer, type TestServer } from "../helpers/server";
import { startSmtpServer, type TestSmtp } from "../helpers/smtp";

const PASSWORD = "a long enough password 1";

describe.skipIf(!hasBrowser)("member invitations in a browser", () => {
  let server: TestServer;
  let smtp: TestSmtp;
  let browser: Browser;
  let link = "";
  /** The inviter's browser, signed in once for both journeys (the sign-in throttle counts per client address). */
  let mia: { ctx: BrowserContext; page: Page; problems: string[] } | null = null;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({ label: "member-invite-e2e", env: { SMTP_URL: smtp.url } });
    await createUser(server.db, { email: "grace@institute.example", name: "Grace Hopper", role: "admin", password: PASSWORD });
    await createUser(server.db, { email: "mia@firm.example", name: "Mia Member", password: PASSWORD });
    // Staff allow one invitation per member a month.
    server.db
      .insert(memberInvitationSettings)
      .values({ id: 1, enabled: true, requireApproval: false, allowedDomains: "", monthlyQuota: 1, updatedAt: new Date() })
      .run();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
  });

  async function signIn(page: Page, email: string) {
    await page.goto(`${server.url}/login`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "My seminars" }).waitFor();
  }

  it("a member invites a colleague within the quota and is refused beyond it; the staff settings page is not for them", async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    ctx.setDefaultTimeout(10_000);
    const page = await ctx.newPage();
    const problems = watchPage(page);
    await signIn(page, "mia@firm.example");
    await page.goto(`${server.url}/account`);
    await page.getByRole("link", { name: "Your invitations" }).click();
    await page.getByRole("heading", { name: "Your invitations", level: 1 }).waitFor();
    await page.getByText("1 of 1 invitations left this month").waitFor();
    await page.getByLabel("Colleague's email address").fill("cole@firm.example");
    await page.getByLabel("Their name (optional)").fill("Cole League");
    await page.getByLabel("Personal note (optional)").fill("You would like the evidence seminar.");
    await page.getByRole("button", { name: "Send invitation" }).click();
    await page.getByRole("status").filter({ hasText: "Your invitation to cole@firm.example is on its way." }).waitFor();
    await page.getByRole("row").filter({ hasText: "cole@firm.example" }).getByText("Sent").waitFor();
    await page.getByText("0 of 1 invitations left this month").waitFor();
    const mail = await smtp.waitFor((m) => m.to === "cole@firm.example");
    expect(mail.text).toContain("You would like the evidence seminar.");
    link = mail.links.find((l) => l.includes("/invite/"))!.replace(/^http:\/\/[^/]+/, server.url);

    // Beyond the quota: a clear message, the input kept.
    await page.getByLabel("Colleague's email address").fill("second@firm.example");
    await page.getByRole("button", { name: "Send invitation" }).click();
    await page.getByRole("alert").filter({ hasText: /You have used all 1 of your invitations for .+ New ones become available on/ }).waitFor();
    expect(await page.getByLabel("Colleague's email address").inputValue()).toBe("second@firm.example");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    // A plain member finds no staff settings page.
    const res = await page.goto(`${server.url}/admin/invitations/members`);
    expect(res?.status()).toBe(404);

    expect(problems).toEqual([]);
    mia = { ctx, page, problems };
  });

  it("the colleague accepts, the inviter is told, and a staff member sees who invited them on the profile", async () => {
    expect(link, "the first journey mails the invitation").toBeTruthy();
    const { ctx, page, problems } = mia!;

    // The colleague accepts.
    const colleagueCtx = await browser.newContext();
    colleagueCtx.setDefaultTimeout(10_000);
    const colleague = await colleagueCtx.newPage();
    const colleagueProblems = watchPage(colleague);
    await colleague.goto(link);
    await colleague.getByText("Mia Member").first().waitFor();
    await colleague.getByLabel("Your name").fill("Cole League");
    await colleague.getByLabel("Choose a password").fill("violet kettle harbour lamp");
    await colleague.getByLabel("Repeat the password").fill("violet kettle harbour lamp");
    await colleague.getByRole("button", { name: "Accept and create account" }).click();
    await colleague.waitForURL((u) => !u.pathname.startsWith("/invite/"));
    const cole = server.db.select().from(users).where(eq(users.email, "cole@firm.example")).get()!;

    // The inviter is told (by mail at once, their default) and sees the invitation accepted.
    const told = await smtp.waitFor((m) => m.to === "mia@firm.example");
    expect(told.text).toContain("Cole League accepted your invitation and joined Colloquy");
    await page.goto(`${server.url}/account/invitations`);
    await page.getByRole("row").filter({ hasText: "cole@firm.example" }).getByText("Accepted").waitFor();

    // Staff see the attribution on the new member's profile.
    const staffCtx = await browser.newContext();
    staffCtx.setDefaultTimeout(10_000);
    const staff = await staffCtx.newPage();
    const staffProblems = watchPage(staff);
    await signIn(staff, "grace@institute.example");
    await staff.goto(`${server.url}/people/${cole.id}`);
    await staff.getByText(/Invited by Mia Member \(member invitation, \w{3} \d{1,2}, \d{4}\)/).waitFor();

    expect(problems).toEqual([]);
    expect(colleagueProblems).toEqual([]);
    expect(staffProblems).toEqual([]);
    await Promise.all([ctx.close(), colleagueCtx.close(), staffCtx.close()]);
  });
});
