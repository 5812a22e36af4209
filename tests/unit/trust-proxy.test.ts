// TRUST_PROXY (issue #24): the forms express accepts, validated at boot with a message naming the variable.
import { describe, expect, it } from "vitest";
import { loadEnv } from "~/utils/env.server";
import { describeTrustProxy, parseTrustProxy } from "~/utils/trust-proxy.server";

// The per-file database folder, so a generated development secret lands there and not in the checkout.
const base = { NODE_ENV: "test", DATABASE_PATH: process.env.DATABASE_PATH };

describe("TRUST_PROXY", () => {
  it("unset, empty or off ignores forwarded headers", () => {
    for (const v of [undefined, "", " ", "0", "false", "off", "no"]) expect(parseTrustProxy(v)).toEqual({ ok: true, value: false });
    expect(loadEnv({ ...base }).TRUST_PROXY).toBe(false);
  });

  it("a number of hops, or the proxies' addresses and ranges", () => {
    expect(parseTrustProxy("1")).toEqual({ ok: true, value: 1 });
    expect(parseTrustProxy("2")).toEqual({ ok: true, value: 2 });
    expect(parseTrustProxy("127.0.0.1")).toEqual({ ok: true, value: ["127.0.0.1"] });
    expect(parseTrustProxy("loopback, 10.0.0.0/8 fd00::/8 ::1")).toEqual({ ok: true, value: ["loopback", "10.0.0.0/8", "fd00::/8", "::1"] });
    expect(parseTrustProxy("Uniquelocal")).toEqual({ ok: true, value: ["uniquelocal"] });
    expect(loadEnv({ ...base, TRUST_PROXY: "127.0.0.1,::1" }).TRUST_PROXY).toEqual(["127.0.0.1", "::1"]);
    expect(describeTrustProxy(1)).toBe("trusting 1 proxy hop");
    expect(describeTrustProxy(["127.0.0.1"])).toBe("trusting proxies at 127.0.0.1");
  });

  it("refuses trusting everyone and anything that is not an address, with the variable named", () => {
    for (const v of ["true", "all", "*"]) {
      const r = parseTrustProxy(v);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error).toContain("any client");
    }
    for (const v of ["proxy.example.org", "10.0.0.0/33", "::1/129", "1.2.3.4/8/8", "300.1.1.1", "11"]) {
      expect(parseTrustProxy(v).ok, v).toBe(false);
    }
    expect(() => loadEnv({ ...base, TRUST_PROXY: "yes-please" })).toThrow(/TRUST_PROXY: .*yes-please/);
    expect(() => loadEnv({ ...base, TRUST_PROXY: "true" })).toThrow(/TRUST_PROXY:/);
  });
});
