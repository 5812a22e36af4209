// TRUST_PROXY: which peers may tell the app, through X-Forwarded-For/-Host/-Proto, who the client is and which
// address it used. Express's `trust proxy` setting takes the same two forms we accept: a number of proxy hops, or
// the proxies' own addresses (IPs, CIDR ranges, or the names loopback, linklocal, uniquelocal).
import net from "node:net";

/** false: ignore forwarded headers; a number: trust that many hops; a list: trust peers at those addresses. */
export type TrustProxy = false | number | string[];

const NAMED = new Set(["loopback", "linklocal", "uniquelocal"]);

function validEntry(entry: string): boolean {
  if (NAMED.has(entry)) return true;
  const [addr, prefix, ...rest] = entry.split("/");
  if (rest.length || !addr) return false;
  const family = net.isIP(addr);
  if (!family) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

export function parseTrustProxy(raw: string | undefined): { ok: true; value: TrustProxy } | { ok: false; error: string } {
  const v = (raw ?? "").trim().toLowerCase();
  if (["", "0", "false", "off", "no"].includes(v)) return { ok: true, value: false };
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    if (hops > 10) return { ok: false, error: "a number of proxy hops must be between 0 and 10" };
    return { ok: true, value: hops };
  }
  if (v === "true" || v === "all" || v === "*") {
    // express would trust every peer: anyone reaching the port could then choose the address the throttles see.
    return {
      ok: false,
      error: "trusting every peer lets any client choose its own address; give the number of proxies (1) or their addresses (127.0.0.1)",
    };
  }
  const entries = v.split(/[\s,]+/).filter(Boolean);
  const bad = entries.filter((e) => !validEntry(e));
  if (bad.length) {
    return {
      ok: false,
      error: `not an address, CIDR range or one of loopback, linklocal, uniquelocal: ${bad.join(", ")} (or give the number of proxies, like 1)`,
    };
  }
  return { ok: true, value: entries };
}

/** How the setting reads in logs and in the README's terms. */
export function describeTrustProxy(value: TrustProxy): string {
  if (value === false) return "forwarded headers ignored (TRUST_PROXY unset)";
  if (typeof value === "number") return `trusting ${value} proxy hop${value === 1 ? "" : "s"}`;
  return `trusting proxies at ${value.join(", ")}`;
}
