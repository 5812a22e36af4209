// Headless Chromium from Debian, driven by playwright-core. Without a browser the journeys are skipped
// loudly on a laptop; under CI=true a missing browser fails the run.
import fs from "node:fs";
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const hasBrowser = fs.existsSync(CHROMIUM);

if (!hasBrowser) {
  const msg = `\n!!! No Chromium at ${CHROMIUM}: browser journeys are SKIPPED. Install it with: apt-get install -y chromium\n`;
  if (process.env.CI === "true") throw new Error(msg);
  console.warn(msg);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

/** Collects a page's console errors and uncaught exceptions; a 4xx (a refused form post, a 404 page) is expected. */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (m) => m.type() === "error" && !/status of 4\d\d/.test(m.text()) && problems.push(m.text()));
  page.on("pageerror", (e) => problems.push(e.message));
  return problems;
}

/**
 * One signed-in page per member for a whole test file (the sign-in throttle counts attempts per address): the first
 * call signs in through the login form and lands on `to`; later calls reuse the page and go to `to`.
 */
export function signedInPages(browser: () => Browser, base: () => string, password: string, options: BrowserContextOptions = {}) {
  const pages = new Map<string, Page>();
  return async function as(key: string, to: string, email = `${key}@example.com`): Promise<Page> {
    let page = pages.get(key);
    if (page) {
      await page.goto(`${base()}${to}`);
      return page;
    }
    page = await (await browser().newContext(options)).newPage();
    await page.goto(`${base()}/login?redirectTo=${encodeURIComponent(to)}`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => u.pathname === to.split("?")[0]);
    pages.set(key, page);
    return page;
  };
}
