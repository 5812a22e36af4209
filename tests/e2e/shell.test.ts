import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDemoContent, seedDemo } from "../../db/seed";
import { hasBrowser, launchBrowser } from "../helpers/browser";
import { startTestServer, type TestServer } from "../helpers/server";

describe.skipIf(!hasBrowser)("the portal shell in a browser", () => {
  let server: TestServer;
  let browser: Browser;
  const { institute, people } = readDemoContent();

  beforeAll(async () => {
    server = await startTestServer({ label: "shell" });
    await seedDemo(server.db);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("a demo attorney signs in on a phone and sees their seminars, with no CSP violations", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
    page.on("pageerror", (e) => problems.push(e.message));

    await page.goto(`${server.url}/`);
    await expect.poll(() => page.url()).toContain("/login");
    await page.getByLabel("Email").fill(people[0]!.email);
    await page.getByLabel("Password").fill(institute.demoPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "My seminars" }).waitFor();
    expect(await page.getByRole("heading", { level: 3 }).allTextContents()).toContain(
      "Data Privacy Law in Practice 2027",
    );
    // Readable on a phone: nothing forces horizontal scrolling.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // Keyboard: on a fresh page load the first Tab lands on the skip link.
    await page.reload();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to content");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("keys pressed while a page is still loading break nothing, and the page then hydrates", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
    page.on("pageerror", (e) => problems.push(e.message));
    await page.goto(`${server.url}/login`);
    await page.getByLabel("Email").fill(people[0]!.email);
    await page.getByLabel("Password").fill(institute.demoPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "My seminars" }).waitFor();
    // A key press during hydration forces React to hydrate at once; with single fetch that used to throw
    // "Root did not complete" (React error 345) about one load in four. Eight loads make a regression show.
    for (let i = 0; i < 8; i++) {
      await page.reload({ waitUntil: "commit" });
      for (let k = 0; k < 30; k++) await page.keyboard.press("Shift");
      await page.getByRole("heading", { name: "My seminars" }).waitFor();
    }
    // Hydrated: a link now navigates on the client, so the document is not reloaded.
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    await page.getByRole("link", { name: "Data Privacy Law in Practice 2027" }).first().click();
    await expect.poll(() => page.url()).toContain("/s/");
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("works without JavaScript: sign in with a wrong password shows the error next to the form", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel("Email").fill(people[1]!.email);
    await page.getByLabel("Password").fill("definitely not it");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").waitFor();
    expect(await page.getByRole("alert").textContent()).toContain("don't match an active account");
    expect(await page.getByLabel("Email").inputValue()).toBe(people[1]!.email);
    await context.close();
  });
});
