import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { parseTrustProxy, type TrustProxy } from "./trust-proxy.server";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  APP_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) origin such as https://colloquy.example.org" }).optional(),
  DATABASE_PATH: z.string().min(1).default("./data/colloquy.db"),
  UPLOADS_DIR: z.string().min(1).default("./data/uploads"),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must look like smtp://user:pass@host:587 or smtps://…")
    .optional(),
  MAIL_FROM: z.string().min(3).default("Colloquy <no-reply@colloquy.localhost>"),
  /** Hosts that feed fetching may reach despite the public-address rule (tests, intranets). */
  FEED_ALLOWED_HOSTS: z.string().default(""),
  MAX_UPLOAD_MB: z.coerce.number().positive().max(2048).default(100),
  /** Background workers (mail delivery, jobs). Tests that drive workers by hand turn them off. */
  WORKERS: z.enum(["on", "off"]).default("on"),
  /** Behind a reverse proxy: the number of proxy hops, or the proxies' addresses (see README, Deploying). */
  TRUST_PROXY: z
    .string()
    .default("")
    .transform((raw, ctx): TrustProxy => {
      const parsed = parseTrustProxy(raw);
      if (parsed.ok) return parsed.value;
      ctx.addIssue({ code: "custom", message: parsed.error });
      return z.NEVER;
    }),
  /**
   * How document requests are rendered (issue 23): "auto" renders a page whose data is complete to a string and
   * streams only pages that defer data; "stream" always streams (the byte-identity test compares the two).
   */
  DOCUMENT_RENDERING: z.enum(["auto", "stream"]).default("auto"),
  /** Server workers, one per core by default (issue 23); 1 runs the server in a single process. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  /** Seconds between heartbeats on the live-update stream (/events); proxies close streams idle for 60 s. */
  EVENTS_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(55).default(25),
  /** Digest runs (issue #15): members per batch, and an optional pause between batches to spread a large run out. */
  DIGEST_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(20),
  DIGEST_BATCH_PAUSE_MS: z.coerce.number().int().min(0).max(10_000).default(0),
});

export type Env = z.infer<typeof EnvSchema> & { APP_URL: string; SESSION_SECRET: string; isProduction: boolean };

let cached: Env | null = null;

/** Validates the environment once; each problem is reported on one line naming the variable. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const input = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = EnvSchema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  const appUrl = (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
  const isProduction = env.NODE_ENV === "production";
  let secret = env.SESSION_SECRET;
  if (!secret) {
    const local = LOOPBACK_HOSTS.has(new URL(appUrl).hostname);
    if (isProduction && !local) {
      throw new Error("Invalid configuration:\n  SESSION_SECRET: required in production (at least 32 characters)");
    }
    // Development, tests and the local demo: generate once and keep it beside the database.
    secret = devSecret(path.dirname(path.resolve(env.DATABASE_PATH)));
  }
  return { ...env, APP_URL: appUrl, SESSION_SECRET: secret, isProduction };
}

function devSecret(dir: string): string {
  const file = path.join(dir, ".session-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(dir, { recursive: true });
    const value = randomBytes(32).toString("hex");
    fs.writeFileSync(file, value, { mode: 0o600 });
    return value;
  }
}

export function env(): Env {
  if (!cached) cached = loadEnv();
  return cached;
}

/** Tests re-read the environment after changing it. */
export function resetEnvForTests() {
  cached = null;
}
