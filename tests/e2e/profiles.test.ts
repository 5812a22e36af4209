// Browser journeys for issue #4: a new member sets up their profile right after accepting an invitation, and an
// instructor reads the audience brief and the roster. One server, one browser.
import { createHash, randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invitations } from "../../db/schema";
import { readDemoContent, seedDemo } from "../../db/seed";
import { hasBrowser, launchBrowser } from "../helpers/browser";
import { startTestServer, type TestServer } from "../helpers/server";

describe.skipIf(!hasBrowser)("profiles in a browser", () => {
  let server: TestServer;
  let browser: Browser;
  const { institute, instructors, people } = readDemoContent();
  const problems: string[] = [];

  const watch = (page: Page) => {
    // Fail at the step that went wrong rather than at the test's overall timeout.
    page.setDefaultTimeout(8000);
    page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
    page.on("pageerror", (e) => problems.push(e.message));
  };

  beforeAll(async () => {
    server = await startTestServer({ label: "profiles-e2e" });
    const ctx = await seedDemo(server.db);
    browser = await launchBrowser();
    // An invitation to the privacy seminar, as an admin would send it.
    token = randomBytes(32).toString("base64url");
    server.db
      .insert(invitations)
      .values({
        tokenHash: createHash("sha256").update(token).digest("hex"),
        kind: "email",
        email: "newcomer@example.com",
        name: "Nadia Newcomer",
        seminarId: ctx.seminarsBySlug.get("privacy-2027")!,
        seminarRole: "attendee",
        expiresAt: new Date(Date.now() + 7 * 86400_000),
      })
      .run();
  }, 120_000);
  let token = "";

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("a newcomer accepts an invitation and is guided through setting up their profile", async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    watch(page);
    await page.goto(`${server.url}/invite/${token}`);
    await page.getByLabel("Your name").fill("Nadia Newcomer");
    await page.getByLabel("Choose a password").fill("violet harbour lantern 42");
    await page.getByLabel("Repeat the password").fill("violet harbour lantern 42");
    await page.getByRole("button", { name: "Accept and create account" }).click();

    await page.getByRole("heading", { name: "Welcome! Let's set up your profile" }).waitFor();
    expect(page.url()).toContain("/onboarding");
    const photo = await sharp({ create: { width: 600, height: 400, channels: 3, background: "#884422" } }).png().toBuffer();
    await page.getByLabel("Photo").setInputFiles({ name: "me.png", mimeType: "image/png", buffer: photo });
    await page.getByLabel("How to address you").fill("Ms. Newcomer");
    await page.getByLabel("Headline").fill("Privacy counsel to hospitals");
    await page.getByLabel("Firm or organisation").fill("Harbourview Health Law");
    await page.getByLabel("City").fill("Boston");
    await page.getByRole("button", { name: "Save and continue" }).click();

    // Step 2 can be left for later: the home page reminds gently.
    await page.getByRole("heading", { name: "Your practice" }).waitFor();
    await page.getByRole("link", { name: "finish later" }).click();
    // "Later" continues to the seminar the invitation was for; home then shows a gentle reminder.
    await page.waitForURL(/\/s\/privacy-2027/);
    await page.getByRole("link", { name: "My seminars" }).click();
    await page.getByRole("heading", { name: "Finish setting up your profile" }).waitFor();
    expect(await page.locator(".profile-reminder").textContent()).toMatch(/\d+% complete/);
    await page.getByRole("link", { name: "Continue set-up" }).click();
    await page.getByRole("link", { name: "Your practice" }).click();

    await page.getByRole("heading", { name: "Your practice" }).waitFor();
    await page.getByLabel("Privacy and Data Protection").check();
    await page.getByLabel("Health Care").check();
    await page.getByLabel("Jurisdiction 1").selectOption("Massachusetts");
    await page.locator("#adm-n-0").fill("MA-556677");
    await page.locator("#adm-y-0").fill("2019");
    await page.getByLabel("Years in practice").fill("7");
    await page.getByRole("button", { name: "Save and continue" }).click();

    await page.getByRole("heading", { name: "Bio and links" }).waitFor();
    await page.getByLabel("Short bio").fill("I advise hospitals on **HIPAA** and state privacy law.");
    await page.getByLabel("LinkedIn").fill("not a link");
    await page.getByRole("button", { name: "Save and continue" }).click();
    // A clear message beside the field, the rest of the input kept.
    await page.getByText("LinkedIn must be a link to linkedin.com").waitFor();
    expect(await page.getByLabel("Short bio").inputValue()).toContain("HIPAA");
    await page.getByLabel("LinkedIn").fill("https://www.linkedin.com/in/nadia-newcomer");
    await page.getByRole("button", { name: "Save and continue" }).click();

    await page.getByRole("heading", { name: "Contact", exact: true }).waitFor();
    await page.getByLabel("Phone").fill("+1 617 555 0142");
    await page.getByLabel("Open to referrals").check();
    await page.getByRole("button", { name: "Save and continue" }).click();

    // Issue #15: how she takes part; the defaults are kept.
    await page.getByRole("heading", { name: "Taking part" }).waitFor();
    await page.getByRole("button", { name: "Keep the defaults" }).click();

    await page.getByRole("heading", { name: "Privacy" }).waitFor();
    const phoneRow = page.getByRole("row", { name: /^Phone/ });
    expect(await phoneRow.textContent()).toContain("Instructors of my seminars");
    expect(await page.getByRole("row", { name: /Bar numbers/ }).textContent()).toContain("Only me");
    await page.getByRole("button", { name: "Finish" }).click();

    // Resumed from the home page, so back home, where the reminder is gone.
    await page.getByText("Your profile is set up").waitFor();
    await page.getByRole("heading", { name: "My seminars" }).waitFor();
    expect(await page.locator(".profile-reminder").count()).toBe(0);

    // The profile as the member sees it, then as a classmate would.
    await page.locator(".user-menu summary").click();
    await page.getByRole("link", { name: "My profile" }).click();
    await page.getByRole("heading", { name: "Nadia Newcomer", level: 1 }).waitFor();
    expect(await page.locator(".profile strong").textContent()).toBe("HIPAA");
    expect(await page.locator("img.avatar--l").count()).toBe(1);
    expect(await page.getByText("+1 617 555 0142").count()).toBe(1);
    await page.getByRole("link", { name: "people in your seminars" }).click();
    await page.getByText("Preview:").waitFor();
    expect(await page.getByText("+1 617 555 0142").count()).toBe(0);
    expect(await page.getByText("MA-556677").count()).toBe(0);
    expect(await page.getByText("Privacy counsel to hospitals").count()).toBe(1);
    // The only failed request was the refused LinkedIn address (a 400 answer, as designed).
    expect(problems.filter((p) => !p.includes("status of 400"))).toEqual([]);
    await context.close();
  }, 60_000);

  it("an instructor reads the audience brief and works through the roster", async () => {
    problems.length = 0;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    watch(page);
    await page.goto(`${server.url}/login`);
    await page.getByLabel("Email").fill(instructors[0]!.email);
    await page.getByLabel("Password").fill(institute.demoPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "My seminars" }).waitFor();
    await page.getByRole("link", { name: "Data Privacy Law in Practice 2027" }).first().click();
    await page.getByRole("navigation", { name: "Seminar sections" }).getByRole("link", { name: "Audience brief" }).click();

    await page.getByRole("heading", { name: "Audience brief" }).waitFor();
    // The profile charts (the intake answers below them have charts of their own, issue #16).
    const charts = page.locator(".charts figure.chart");
    expect(await charts.count()).toBe(3);
    expect(await page.locator(".charts figure.chart svg").count()).toBe(3);
    const areas = page.getByRole("figure", { name: "Practice areas" });
    const areasText = await areas.locator("svg").textContent();
    expect(areasText).toContain("Privacy and Data Protection");
    // Numbers beside the bars, and the attendee count in the summary.
    expect(areasText).toMatch(/\d+ \(\d+%\)/);
    const attendees = 26 + 1; // the demo range plus the newcomer from the first journey
    expect(await page.locator(".brief-summary dd").first().textContent()).toBe(String(attendees));
    const years = await page.getByRole("figure", { name: "Years in practice" }).locator("svg").textContent();
    expect(years).toContain("6–10 years");

    await page.getByRole("link", { name: "Open the roster" }).click();
    await page.getByRole("heading", { name: "Roster" }).waitFor();
    expect(await page.locator("table.roster tbody tr").count()).toBe(attendees);
    // The newcomer shares her phone with instructors; her bar number is hers alone.
    const row = page.locator("table.roster tbody tr", { hasText: "Nadia Newcomer" });
    expect(await row.textContent()).toContain("+1 617 555 0142");
    expect(await row.textContent()).not.toContain("MA-556677");

    await page.getByLabel("Practice area").selectOption("Health Care");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/area=Health/);
    // The URL can change before the filtered rows replace the old ones; wait for the table itself.
    await expect.poll(() => page.locator("table.roster tbody tr").count()).toBeLessThan(attendees);
    const filtered = await page.locator("table.roster tbody tr").count();
    expect(filtered).toBeGreaterThan(0);
    await page.getByRole("link", { name: /Years/ }).click();
    await page.waitForURL(/sort=years/);
    const yearsCol = await page.locator("table.roster tbody tr td:nth-child(6)").allTextContents();
    const nums = yearsCol.filter(Boolean).map(Number);
    expect(nums).toEqual([...nums].sort((a, b) => a - b));
    expect(await page.getByRole("link", { name: "Download CSV" }).getAttribute("href")).toContain("roster.csv?");
    expect(problems).toEqual([]);
    await context.close();
    void people;
  });

  it("without JavaScript, settings and a profile step still save, with errors beside the field", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(`${server.url}/login`);
    await page.getByLabel("Email").fill(people[1]!.email);
    await page.getByLabel("Password").fill(institute.demoPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "My seminars" }).waitFor();
    await page.goto(`${server.url}/onboarding?step=contact`);
    await page.getByLabel("Phone").fill("call me maybe");
    await page.getByLabel("Open to new opportunities").check();
    await page.getByRole("button", { name: "Save and continue" }).click();
    await page.getByText("Enter a phone number such as +1 212 555 0100.").waitFor();
    expect(await page.getByLabel("Open to new opportunities").isChecked()).toBe(true);
    await page.getByLabel("Phone").fill("+1 312 555 0199");
    await page.getByRole("button", { name: "Save and continue" }).click();
    // Issue #15: how they take part, saved without JavaScript too.
    await page.getByRole("heading", { name: "Taking part" }).waitFor();
    await page.getByRole("radio", { name: /^Reader only/ }).check();
    await page.getByRole("button", { name: "Save and continue" }).click();
    await page.getByRole("heading", { name: "Privacy" }).waitFor();

    await page.goto(`${server.url}/profile/settings`);
    await page.getByLabel("Phone").selectOption("me");
    await page.getByLabel("List me in the member directory").uncheck();
    await page.getByRole("group", { name: "Legal news digest" }).getByLabel("Never").check();
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Your settings are saved.").waitFor();
    expect(await page.getByLabel("Phone").inputValue()).toBe("me");
    expect(await page.getByLabel("List me in the member directory").isChecked()).toBe(false);
    expect(await page.getByRole("group", { name: "Legal news digest" }).getByLabel("Never").isChecked()).toBe(true);
    await context.close();
  });
});
