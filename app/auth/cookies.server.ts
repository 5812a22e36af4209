// Reading our own cookies from a Cookie header, tolerantly (issue #21). lucia's parser runs decodeURIComponent over
// every cookie in the header, so one stray cookie with a bad % escape (an analytics "_ga=GA1.2.50%", or one set by a
// sibling subdomain) threw on every page until the member cleared their cookies. Here only the cookie asked for is
// looked at, and a value that does not decode is simply absent.

/** The value of the first cookie called `name`, or null when it is missing or malformed. */
export function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1 || part.slice(0, eq).trim() !== name) continue;
    let raw = part.slice(eq + 1).trim();
    if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) raw = raw.slice(1, -1);
    try {
      return decodeURIComponent(raw);
    } catch {
      return null;
    }
  }
  return null;
}

/** A session id as lucia issues them (25 random bytes in lowercase base32: 40 characters); anything else is none. */
const SESSION_ID = /^[a-z2-7]{40}$/;

export function readSessionId(header: string | null | undefined, name: string): string | null {
  const id = readCookie(header, name);
  return id && SESSION_ID.test(id) ? id : null;
}
