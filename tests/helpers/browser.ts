// Headless Chromium from Debian, driven by playwright-core. Without a browser the journeys are skipped
// loudly on a laptop; under CI=true a missing browser fails the run.
import fs from "node:fs";
import { chromium, type Browser } from "playwright-core";

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
