// Test fixtures live in tests/fixtures/. The public corpora in ../shared/fixtures (present on the institute's CI, not
// in a user's clone) are an optional extra: used when present, announced once per run by the global setup when absent.
import fs from "node:fs";
import path from "node:path";

export const FIXTURES = path.resolve(__dirname, "../fixtures");
/** The optional corpora folder beside the checkout; `null` when it is absent. */
export const EXTRA_FIXTURES: string | null = (() => {
  const dir = path.resolve(__dirname, "../../../shared/fixtures");
  return fs.existsSync(dir) ? dir : null;
})();

export interface XssPayload {
  title: string;
  payload: string;
}

/** Our own hostile markdown and HTML, plus the public DOMPurify corpus when it is beside the checkout. */
export function xssPayloads(): XssPayload[] {
  const own = JSON.parse(fs.readFileSync(path.join(FIXTURES, "xss/payloads.json"), "utf8")) as XssPayload[];
  const extraFile = EXTRA_FIXTURES && path.join(EXTRA_FIXTURES, "xss/dompurify-payloads.json");
  if (!extraFile || !fs.existsSync(extraFile)) return own;
  const extra = JSON.parse(fs.readFileSync(extraFile, "utf8")) as XssPayload[];
  return [...own, ...extra.map((p) => ({ title: `corpus: ${p.title}`, payload: p.payload }))];
}

/** The folder of the optional real-world feed corpus, or null. */
export function extraFeedsDir(): string | null {
  const dir = EXTRA_FIXTURES && path.join(EXTRA_FIXTURES, "feeds");
  return dir && fs.existsSync(dir) ? dir : null;
}

/** One line for the run's output when the optional corpora are not beside the checkout. */
export function announceMissingExtras(): void {
  if (EXTRA_FIXTURES) return;
  console.warn(
    "\n>>> Optional fixture corpora not found at ../shared/fixtures: running with the repository's own fixtures only (tests/fixtures). <<<\n",
  );
}
