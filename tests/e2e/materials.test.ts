// Browser journeys for course materials (issue #5), one server and one browser: an instructor uploads a handout
// and a new version; an attendee downloads it from the micro-site; an alumnus finds materials a month after.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDemoContent, seedDemo } from "../../db/seed";
import { hasBrowser, launchBrowser } from "../helpers/browser";
import { startTestServer, type TestServer } from "../helpers/server";

describe.skipIf(!hasBrowser)("course materials in a browser", () => {
  let server: TestServer;
  let browser: Browser;
  const { institute, people } = readDemoContent();
  const files = fs.mkdtempSync(path.join(os.tmpdir(), "colloquy-e2e-materials-"));
  const handoutV1 = path.join(files, "Cross-examination handout.txt");
  const handoutV2 = path.join(files, "Cross-examination handout (revised).txt");
  fs.writeFileSync(handoutV1, "Cross-examination: leading questions only.\nOne fact per question.\n");
  fs.writeFileSync(handoutV2, "Cross-examination: leading questions only.\nOne fact per question.\nNever ask why.\n");

  beforeAll(async () => {
    server = await startTestServer({ label: "e2e-materials" });
    await seedDemo(server.db, new Date(), { uploadsDir: server.uploadsDir });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(files, { recursive: true, force: true });
  });

  async function signIn(email: string, viewport = { width: 1200, height: 900 }) {
    const context = await browser.newContext({ viewport, acceptDownloads: true, timezoneId: "Europe/Berlin" });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
    page.on("pageerror", (e) => problems.push(e.message));
    await page.goto(`${server.url}/login`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(institute.demoPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "My seminars" }).waitFor();
    return { page, problems, close: () => context.close() };
  }

  async function openSeminarSection(page: Page, seminarTitle: string, section: string) {
    await page.getByRole("link", { name: seminarTitle }).click();
    await page.getByRole("navigation", { name: "Seminar sections" }).getByRole("link", { name: section }).click();
    await page.getByRole("heading", { level: 1, name: section }).waitFor();
  }

  it("an instructor uploads a handout, then a new version; both stay listed", async () => {
    const { page, problems, close } = await signIn("marcus.hale@example.org");
    await openSeminarSection(page, "Trial Advocacy Intensive", "Materials");
    await page.getByRole("link", { name: "Upload a material" }).click();
    await page.getByLabel("Title").fill("Cross-examination handout");
    await page.getByLabel("Description").fill("For the Day 2 afternoon session.");
    await page.getByLabel("As of").fill("2026-11-20");
    await page.getByLabel("File", { exact: true }).setInputFiles(handoutV1);
    await page.getByRole("button", { name: "Upload" }).click();
    await page.getByRole("heading", { level: 1, name: "Cross-examination handout" }).waitFor();
    expect(await page.getByRole("status").textContent()).toContain("The material was uploaded.");
    expect(await page.getByText("Current version (1)").count()).toBe(1);

    await page.getByRole("link", { name: "Upload a new version" }).click();
    await page.getByLabel("As of").fill("2026-11-26");
    await page.getByLabel("What changed").fill("Adds the rule about asking why.");
    await page.getByLabel("File", { exact: true }).setInputFiles(handoutV2);
    await page.getByRole("button", { name: "Upload new version" }).click();
    await page.getByRole("heading", { name: "Current version (2)" }).waitFor();
    const rows = await page.getByRole("table").getByRole("row").allTextContents();
    expect(rows).toHaveLength(3);
    expect(rows[1]).toContain("2 (current)");
    expect(rows[1]).toContain("Nov 26, 2026");
    expect(rows[1]).toContain("Adds the rule about asking why.");
    expect(rows[2]).toContain("Nov 20, 2026");
    expect(rows[2]).toContain("Cross-examination handout.txt");
    // The instructors' other pages run cleanly in the browser too.
    for (const section of ["Schedule", "Manage"]) {
      await page.getByRole("navigation", { name: "Seminar sections" }).getByRole("link", { name: section }).click();
      await page.getByRole("heading", { level: 1, name: section === "Manage" ? "Manage the seminar" : section }).waitFor();
    }
    expect(problems).toEqual([]);
    await close();
  });

  it("an attendee downloads it from the micro-site, on a phone", async () => {
    // people[25] attends the trial advocacy seminar (attendeeRange 20–42).
    const { page, problems, close } = await signIn(people[25]!.email, { width: 390, height: 844 });
    await openSeminarSection(page, "Trial Advocacy Intensive", "Materials");
    const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Cross-examination handout" }) });
    expect(await card.textContent()).toContain("version 2");
    const [download] = await Promise.all([page.waitForEvent("download"), card.getByRole("link", { name: /^Download/ }).click()]);
    expect(download.suggestedFilename()).toBe("Cross-examination handout (revised).txt");
    const saved = await download.path();
    expect(fs.readFileSync(saved!, "utf8")).toContain("Never ask why.");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await close();
  });

  it("an alumnus finds the seminar's materials a month after it ended", async () => {
    // people[40] attended "Legal Ethics and Generative AI", which ended about a month ago.
    const { page, problems, close } = await signIn(people[40]!.email);
    const alumni = page.getByRole("region", { name: "Alumni" });
    await alumni.getByRole("link", { name: "Legal Ethics and Generative AI" }).waitFor();
    await openSeminarSection(page, "Legal Ethics and Generative AI", "Materials");
    expect(await page.getByText("The seminar is over; its materials stay here for you.").count()).toBe(1);
    const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Slides: Legal ethics and generative AI" }) });
    const [download] = await Promise.all([page.waitForEvent("download"), card.getByRole("link", { name: /^Download/ }).click()]);
    expect(download.suggestedFilename()).toBe("Ethics and AI - slides.pdf");
    const bytes = fs.readFileSync((await download.path())!);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // Earlier versions of the model policy are still there too.
    await page.getByRole("link", { name: "Model AI-use policy for law firms", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Model AI-use policy for law firms" }).waitFor();
    const rows = await page.getByRole("table").getByRole("row").allTextContents();
    expect(rows).toHaveLength(3);
    expect(problems).toEqual([]);
    await close();
  });
});
