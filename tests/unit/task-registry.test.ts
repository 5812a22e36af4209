// Issue #13: every piece of background work is listed in one registry that the server entry imports.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { JOB_HANDLERS, PERIODIC_TASKS } from "~/services/tasks.server";
import { registeredJobKinds } from "~/services/jobs.server";
import { registeredTasks } from "~/services/workers.server";

const APP = path.resolve(__dirname, "../../app");
const REGISTRY = path.join(APP, "services/tasks.server.ts");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}
const sources = sourceFiles(APP).map((file) => ({ file, text: readFileSync(file, "utf8") }));
const rel = (file: string) => path.relative(APP, file);

describe("background task registry", () => {
  it("registers every listed periodic task exactly once, with a sane interval", () => {
    const names = PERIODIC_TASKS.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    expect(registeredTasks().map((t) => t.name)).toEqual(names);
    for (const t of PERIODIC_TASKS) {
      expect(t.everyMs, t.name).toBeGreaterThanOrEqual(1000);
      expect(typeof t.run, t.name).toBe("function");
    }
    // The work the server has always done in the background is all there.
    expect(names).toEqual(
      expect.arrayContaining([
        "mail-delivery",
        "jobs",
        "auth-housekeeping",
        "uploads-temp-sweep",
        "news-refresh",
        "digests",
        "survey-mailings",
        "unread-messages",
        "waitlist-offers",
        "alumni-mailings",
        "job-expiry",
        "saved-job-reminders",
        "unanswered-questions",
      ]),
    );
  });

  it("has a handler for every job kind the code enqueues, and enqueues every kind it handles", () => {
    // A kind is a string literal or an exported string constant (`export const EXTRACT_JOB = "library.extract"`).
    const constants = new Map<string, string>();
    for (const { text } of sources) {
      for (const m of text.matchAll(/export const (\w+) = "([^"]+)"/g)) constants.set(m[1], m[2]);
    }
    const enqueued = new Set<string>();
    const computed: string[] = [];
    for (const { file, text } of sources) {
      for (const m of text.matchAll(/enqueueJob\(\s*\w+\s*,\s*\{\s*kind:\s*([^,}]+)/g)) {
        const expr = m[1].trim();
        const kind = /^"([^"]+)"$/.exec(expr)?.[1] ?? constants.get(expr);
        // A call that computes its kind could not be checked here; keep kinds literal or constant.
        if (kind) enqueued.add(kind);
        else computed.push(`${rel(file)}: ${expr}`);
      }
    }
    expect(computed).toEqual([]);
    expect([...enqueued].sort()).toEqual(Object.keys(JOB_HANDLERS).sort());
    expect(registeredJobKinds().sort()).toEqual(Object.keys(JOB_HANDLERS).sort());
  });

  it("is the only place that registers background work, and every job handler is listed in it", () => {
    const registry = readFileSync(REGISTRY, "utf8");
    const elsewhere = sources
      .filter(({ file }) => file !== REGISTRY)
      .filter(({ text }) => /\bregister(Task|JobHandler)\(/.test(text.replace(/export function register\w+\(/g, "")))
      .map(({ file }) => rel(file));
    expect(elsewhere, "list background work in app/services/tasks.server.ts instead").toEqual([]);
    // Every function typed as a job handler is referenced by the registry.
    for (const { file, text } of sources) {
      for (const m of text.matchAll(/export const (\w+): JobHandler\b/g)) {
        expect(registry, `${m[1]} in ${rel(file)} is not in the registry`).toMatch(new RegExp(`\\b${m[1]}\\b`));
      }
    }
  });

  it("is imported by the server entry, so it is part of the build", () => {
    expect(readFileSync(path.join(APP, "entry.server.tsx"), "utf8")).toMatch(/from "~\/services\/tasks\.server"/);
  });
});
