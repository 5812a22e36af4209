// The production HTTP server: security headers on every response, a cross-site POST wall, static files,
// then Remix. It loads the compiled server build, which carries the app's own modules (one copy of each).
// Behind a reverse proxy (issue #24) the public origin is APP_URL whatever Host the proxy sends, and forwarded
// headers count only from the peers TRUST_PROXY names.
import {
  createReadableStreamFromReadable,
  createRequestHandler,
  writeReadableStreamToWritable,
  type ServerBuild,
} from "@remix-run/node";
import express from "express";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { TrustProxy } from "~/utils/trust-proxy.server";
import { installFormBodyGuard } from "~/utils/form-body.server";
import { ALLOWED_METHODS, rejectMalformedRequests } from "./http-guards";
import { precompressedAssets } from "./precompressed";

export type AppBuild = ServerBuild & {
  entry: {
    module: {
      startBackgroundWorkers?: () => void;
      stopBackgroundWorkers?: () => Promise<void>;
      closeDatabase?: () => void;
      closeEventStreams?: () => void;
    };
  };
};

export interface ServeOptions {
  port: number;
  host: string;
  appUrl: string;
  isProduction: boolean;
  buildDir?: string;
  /** The already loaded server build (when this code runs from inside it); otherwise it is loaded from buildDir. */
  build?: AppBuild;
  workers?: boolean;
  /** Which peers' X-Forwarded-* headers count (TRUST_PROXY); default none. */
  trustProxy?: TrustProxy;
}

/** Whether the connected peer is a proxy TRUST_PROXY allows to speak for the client. */
function fromTrustedProxy(req: express.Request): boolean {
  const trust = req.app.get("trust proxy fn") as (addr: string | undefined, i: number) => boolean;
  return trust(req.socket.remoteAddress, 0);
}

/**
 * The origin this request was addressed to: scheme and Host as received, or, only from a trusted proxy,
 * X-Forwarded-Proto and X-Forwarded-Host. Null when they do not form an http(s) origin.
 */
export function addressedOrigin(req: express.Request): string | null {
  const forwardedHost = fromTrustedProxy(req) ? req.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  const host = forwardedHost || req.get("host");
  // Express reads X-Forwarded-Proto only from trusted peers.
  const scheme = req.protocol;
  if (!host || /[/?#@\\\s]/.test(host) || (scheme !== "http" && scheme !== "https")) return null;
  try {
    return new URL(`${scheme}://${host}`).origin;
  } catch {
    return null;
  }
}

/** The client's address for throttles and the audit log; IPv4 clients of a dual-stack socket read as IPv4. */
export function clientAddress(req: express.Request): string {
  const ip = req.ip ?? req.socket.remoteAddress;
  if (!ip) return "unknown";
  return ip.startsWith("::ffff:") && ip.includes(".") ? ip.slice(7) : ip;
}

/**
 * The Request Remix sees: its URL is on the public origin (APP_URL), so links built from request.url are right
 * whatever Host the proxy sent, and it carries no forwarded headers (the client's address travels in the load
 * context). Origin is dropped once the wall above has accepted it: Remix's own check compares it with Host and
 * throws (a 500) when a proxy sends its own Host, as nginx does by default (`Host: 127.0.0.1:3000`).
 */
function remixRequest(req: express.Request, res: express.Response, publicOrigin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const v of [value ?? []].flat()) headers.append(name, v);
  }
  for (const name of ["forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "origin"]) {
    headers.delete(name);
  }
  headers.set("host", new URL(publicOrigin).host);
  const controller = new AbortController();
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = createReadableStreamFromReadable(req);
    init.duplex = "half";
  }
  // Abort loaders and actions (and live streams) once the client has gone, unless the response was completed.
  let finished = false;
  res.on("finish", () => (finished = true));
  res.on("close", () => finished || controller.abort());
  return new Request(`${publicOrigin}${req.originalUrl}`, init);
}

async function sendResponse(res: express.Response, response: Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers.entries()) res.append(name, value);
  if (/^text\/event-stream/i.test(response.headers.get("content-type") ?? "")) {
    // nginx passes a live stream on at once when the response asks, whatever its location's buffering.
    res.setHeader("X-Accel-Buffering", "no");
    res.flushHeaders();
  }
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

export function securityHeaders(appUrl: string, isProduction: boolean): express.RequestHandler {
  const appOrigin = new URL(appUrl).origin;
  return (req, res, next) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "media-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join("; "),
    );
    res.setHeader("X-Content-Type-Options", "nosniff");
    // Pages whose URL carries a secret token (invitations, password resets) must never leak it in a Referer
    // header or be kept in a cache (issue #3).
    const tokenPage = /^\/(invite|reset-password|unsubscribe)\//.test(req.path);
    // Private feed and calendar URLs are secrets too; they set their own caching.
    const secretUrl = tokenPage || /^\/(feeds|calendar)\/[^/]/.test(req.path);
    res.setHeader("Referrer-Policy", secretUrl ? "no-referrer" : "strict-origin-when-cross-origin");
    if (tokenPage) res.setHeader("Cache-Control", "no-store");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
    // Browsers ignore HSTS received over plain http (RFC 6797 §8.1), so the local demo is unaffected.
    if (isProduction) res.setHeader("Strict-Transport-Security", "max-age=63072000; includeSubDomains");

    // Methods the app does not answer at all get their 405 from rejectMalformedRequests, next in line.
    if (!["GET", "HEAD", "OPTIONS"].includes(req.method) && (ALLOWED_METHODS as readonly string[]).includes(req.method)) {
      const origin = req.get("origin");
      const site = req.get("sec-fetch-site");
      const ownOrigin = addressedOrigin(req);
      // Under Referrer-Policy: no-referrer (token pages) browsers send "Origin: null" even for same-origin posts;
      // then only the browser-set Sec-Fetch-Site: same-origin can vouch for the request. A request with neither
      // header vouches for nothing: every current browser sends one of them, and our own non-browser clients send
      // Origin (issue #21).
      // RFC 8058 one-click unsubscribe: the mail provider POSTs from its own servers with no Origin. The signed link
      // is the only credential and the effect (less mail) is harmless if forged, so it is exempt (issue #15).
      const oneClick = req.method === "POST" && /^\/unsubscribe\/[^/]+$/.test(req.path);
      const crossSite =
        !oneClick &&
        (origin === "null"
          ? site !== "same-origin"
          : origin !== undefined
            ? origin !== appOrigin && origin !== ownOrigin
            : site === undefined || site === "cross-site");
      if (crossSite) {
        res
          .status(403)
          .type("text/plain")
          .send(
            origin === undefined && site === undefined
              ? "This form submission did not say which site it came from (no Origin header), so it was not accepted."
              : "Cross-site form submissions are not accepted.",
          );
        return;
      }
      // Vouched for above by Sec-Fetch-Site; Remix's own origin check cannot read an opaque origin.
      if (origin === "null") delete req.headers.origin;
    }
    next();
  };
}

/** URL paths ("/favicon.svg") of the files under a folder. */
function listFiles(dir: string, prefix = ""): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(path.join(dir, e.name), `${prefix}/${e.name}`) : [`${prefix}/${e.name}`],
  );
}

export async function startServer(opts: ServeOptions): Promise<{ server: Server; close: () => Promise<void> }> {
  const buildDir = path.resolve(opts.buildDir ?? process.env.BUILD_DIR ?? "build");
  const build = opts.build ?? ((await import(pathToFileURL(path.join(buildDir, "server/index.js")).href)) as AppBuild);

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", opts.trustProxy ?? false);
  app.use(securityHeaders(opts.appUrl, opts.isProduction));
  app.use(rejectMalformedRequests());
  installFormBodyGuard();
  // Fingerprinted assets never change; everything else in public/ is revalidated hourly.
  app.use("/build", precompressedAssets(path.join(buildDir, "client/build")));
  app.use("/build", express.static(path.join(buildDir, "client/build"), { immutable: true, maxAge: "1y", index: false }));
  // Only the files public/ really holds go to the static handler: asking the file system on every page costs a stat.
  const publicFiles = new Set(listFiles(path.resolve("public")));
  const publicStatic = express.static("public", { maxAge: "1h", index: false });
  app.use((req, res, next) => (publicFiles.has(req.path) ? publicStatic(req, res, next) : next()));
  const handleRequest = createRequestHandler(build, opts.isProduction ? "production" : "development");
  const publicOrigin = new URL(opts.appUrl).origin;
  app.all("*", async (req, res, next) => {
    try {
      const request = remixRequest(req, res, publicOrigin);
      const response = await handleRequest(request, { cspNonce: res.locals.cspNonce as string, clientIp: clientAddress(req) });
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  });

  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(opts.port, opts.host, () => resolve(s));
    s.on("error", reject);
  });
  server.keepAliveTimeout = 65_000;
  if (opts.workers !== false) build.entry.module.startBackgroundWorkers?.();

  // Graceful stop (SIGTERM): no new connections, in-flight requests finish and their writes commit, keep-alive
  // connections close as soon as they fall idle, background work finishes its step, and then the database connection
  // closes with its statements released (issue 12: a statement finalised after its environment aborts Node 24).
  const close = async () => {
    // Live streams never end by themselves; end them so the server can close (browsers reconnect elsewhere).
    build.entry.module.closeEventStreams?.();
    const stopping = build.entry.module.stopBackgroundWorkers?.();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
      const idle = setInterval(() => server.closeIdleConnections(), 50);
      const hard = setTimeout(() => server.closeAllConnections(), 10_000);
      server.once("close", () => {
        clearInterval(idle);
        clearTimeout(hard);
      });
    });
    await stopping;
    build.entry.module.closeDatabase?.();
  };
  return { server, close };
}
