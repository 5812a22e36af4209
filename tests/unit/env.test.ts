import { describe, expect, it } from "vitest";
import { loadEnv } from "~/utils/env.server";

describe("configuration", () => {
  it("names each problem on its own line", () => {
    expect(() => loadEnv({ PORT: "eighty", APP_URL: "ftp://x", SMTP_URL: "mail.example.com" })).toThrowError(
      /PORT: .*\n.*APP_URL: .*\n.*SMTP_URL: must look like smtp:/,
    );
  });

  it("requires SESSION_SECRET in production on a public origin", () => {
    expect(() => loadEnv({ NODE_ENV: "production", APP_URL: "https://colloquy.example.org" })).toThrowError(
      /SESSION_SECRET: required in production/,
    );
    const ok = loadEnv({
      NODE_ENV: "production",
      APP_URL: "https://colloquy.example.org/",
      SESSION_SECRET: "x".repeat(40),
      DATABASE_PATH: process.env.DATABASE_PATH,
    });
    expect(ok.APP_URL).toBe("https://colloquy.example.org");
    expect(ok.isProduction).toBe(true);
  });

  it("generates a development secret once and keeps it beside the database", () => {
    const a = loadEnv({ DATABASE_PATH: process.env.DATABASE_PATH });
    const b = loadEnv({ DATABASE_PATH: process.env.DATABASE_PATH });
    expect(a.SESSION_SECRET).toHaveLength(64);
    expect(b.SESSION_SECRET).toBe(a.SESSION_SECRET);
    expect(a.APP_URL).toBe("http://localhost:3000");
  });
});
