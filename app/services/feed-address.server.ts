// Which addresses the feed fetcher may connect to (issue #7). Server-side request forgery is the risk: a feed URL
// (or a redirect, or a DNS answer) pointing at the portal's own machine or network. Only globally routable unicast
// addresses pass; the special-purpose ranges come from the IANA IPv4/IPv6 Special-Purpose Address Registries
// (RFC 6890 and successors). Host names are normalised by the WHATWG URL parser first, so 127.1, 2130706433,
// 0x7f000001 and 0177.0.0.1 all arrive here as 127.0.0.1.
import { isIP } from "node:net";

type Range4 = [base: number, bits: number, why: string];

const V4_BLOCKED: Range4[] = [
  [ip4("0.0.0.0"), 8, "a 'this network' address"],
  [ip4("10.0.0.0"), 8, "a private address"],
  [ip4("100.64.0.0"), 10, "a carrier-grade NAT address"],
  [ip4("127.0.0.0"), 8, "a loopback address"],
  [ip4("169.254.0.0"), 16, "a link-local address"],
  [ip4("172.16.0.0"), 12, "a private address"],
  [ip4("192.0.0.0"), 24, "a reserved protocol address"],
  [ip4("192.0.2.0"), 24, "a documentation address"],
  [ip4("192.31.196.0"), 24, "a reserved address"],
  [ip4("192.52.193.0"), 24, "a reserved address"],
  [ip4("192.88.99.0"), 24, "a reserved relay address"],
  [ip4("192.168.0.0"), 16, "a private address"],
  [ip4("192.175.48.0"), 24, "a reserved address"],
  [ip4("198.18.0.0"), 15, "a benchmarking address"],
  [ip4("198.51.100.0"), 24, "a documentation address"],
  [ip4("203.0.113.0"), 24, "a documentation address"],
  [ip4("224.0.0.0"), 4, "a multicast address"],
  [ip4("240.0.0.0"), 4, "a reserved address"],
];

function ip4(s: string): number {
  const p = s.split(".").map(Number);
  return ((p[0]! << 24) >>> 0) + (p[1]! << 16) + (p[2]! << 8) + p[3]!;
}

function v4Problem(n: number): string | null {
  for (const [base, bits, why] of V4_BLOCKED) {
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    if (((n & mask) >>> 0) === base) return why;
  }
  return null;
}

/** Eight 16-bit groups of an IPv6 address (any spelling Node accepts, including an embedded dotted IPv4 tail). */
function ip6Groups(s: string): number[] | null {
  let addr = s.replace(/^\[|\]$/g, "").toLowerCase();
  const zone = addr.indexOf("%");
  if (zone >= 0) addr = addr.slice(0, zone);
  if (isIP(addr) !== 6) return null;
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(addr);
  if (tail) {
    const n = ip4(tail[1]!);
    addr = addr.slice(0, -tail[1]!.length) + `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, rest] = addr.split("::") as [string, string | undefined];
  const h = head ? head.split(":") : [];
  const r = rest !== undefined && rest !== "" ? rest.split(":") : [];
  const fill = rest === undefined ? [] : new Array(8 - h.length - r.length).fill("0");
  const groups = [...h, ...fill, ...r].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : null;
}

const v4From = (hi: number, lo: number) => ((hi << 16) >>> 0) + lo;

function v6Problem(g: number[]): string | null {
  // Everything outside 2000::/3 (global unicast) is special: ::, ::1, IPv4-mapped and -compatible, NAT64,
  // discard-only, unique-local fc00::/7, link-local fe80::/10, multicast ff00::/8 …
  if ((g[0]! & 0xe000) !== 0x2000) {
    if (g.every((x) => x === 0)) return "the unspecified address";
    if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return "a loopback address";
    if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0)) return "an IPv4 address written as IPv6";
    if ((g[0]! & 0xfe00) === 0xfc00) return "a private (unique local) address";
    if ((g[0]! & 0xffc0) === 0xfe80) return "a link-local address";
    if ((g[0]! & 0xff00) === 0xff00) return "a multicast address";
    return "a reserved address";
  }
  if (g[0] === 0x2001 && g[1] === 0x0db8) return "a documentation address";
  if (g[0] === 0x3fff && g[1]! < 0x1000) return "a documentation address";
  if (g[0] === 0x2001 && g[1]! < 0x0200) {
    // 2001::/23 is IETF protocol assignments; 2001::/32 is Teredo, which embeds the server's IPv4 in bits 32–63
    // and the client's (inverted) in bits 96–127.
    if (g[1] === 0) {
      const server = v4Problem(v4From(g[2]!, g[3]!));
      const client = v4Problem(v4From(g[6]! ^ 0xffff, g[7]! ^ 0xffff));
      if (server || client) return "a Teredo address carrying a non-public IPv4 address";
      return null;
    }
    return "a reserved protocol address";
  }
  if (g[0] === 0x2002) {
    // 6to4 embeds an IPv4 address in bits 16–47.
    if (v4Problem(v4From(g[1]!, g[2]!))) return "a 6to4 address carrying a non-public IPv4 address";
  }
  return null;
}

/** Why an IP address is not a public one, or null when it is. Non-IP input is refused too. */
export function nonPublicReason(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, "");
  const kind = isIP(bare);
  if (kind === 4) return v4Problem(ip4(bare));
  if (kind === 6) {
    const g = ip6Groups(bare);
    return g ? v6Problem(g) : "an address that cannot be understood";
  }
  return "an address that cannot be understood";
}

/** Hosts listed in FEED_ALLOWED_HOSTS: "host" allows every port of it, "host:port" only that port. */
export function parseAllowedHosts(setting: string): Set<string> {
  const out = new Set<string>();
  for (const raw of setting.split(/[\s,]+/).filter(Boolean)) {
    try {
      const u = new URL(`http://${raw}`);
      out.add(raw.match(/:\d+$/) && !raw.endsWith("]") ? `${u.hostname}:${u.port || "80"}` : u.hostname);
    } catch {
      // An unreadable entry allows nothing.
    }
  }
  return out;
}

/** Whether a (WHATWG-normalised) URL's host is on the allow list. */
export function isAllowedHost(url: URL, allowed: Set<string>): boolean {
  if (!allowed.size) return false;
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return allowed.has(url.hostname) || allowed.has(`${url.hostname}:${port}`);
}
