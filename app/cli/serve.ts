// The production HTTP server: security headers on every response, a cross-site POST wall, static files,
// then Remix. It loads the compiled server build, which carries the app's own modules (one copy of each).
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { installFormBodyGuard } from "~/utils/form-body.server";
import { ALLOWED_METHODS, rejectMalformedRequests } from "./http-guards";
import { precompressedAssets } from "./precompressed";

export type AppBuild = ServerBuild & {
  entry: { module: { startBackgroundWorkers?: () => void; stopBackgroundWorkers?: () => Promise<void> } };
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
    const tokenPage = /^\/(invite|reset-password)\//.test(req.path);
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
      const ownOrigin = `${req.protocol}://${req.get("host")}`;
      // Under Referrer-Policy: no-referrer (token pages) browsers send "Origin: null" even for same-origin posts;
      // then only the browser-set Sec-Fetch-Site: same-origin can vouch for the request. A request with neither
      // header vouches for nothing: every current browser sends one of them, and our own non-browser clients send
      // Origin (issue #21).
      const crossSite =
        origin === "null"
          ? site !== "same-origin"
          : origin !== undefined
            ? origin !== appOrigin && origin !== ownOrigin
            : site === undefined || site === "cross-site";
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
  app.set("trust proxy", process.env.TRUST_PROXY === "1" ? 1 : false);
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
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: opts.isProduction ? "production" : "development",
      getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce as string, clientIp: req.ip ?? "unknown" }),
    }),
  );

  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(opts.port, opts.host, () => resolve(s));
    s.on("error", reject);
  });
  server.keepAliveTimeout = 65_000;
  if (opts.workers !== false) build.entry.module.startBackgroundWorkers?.();

  const close = async () => {
    await build.entry.module.stopBackgroundWorkers?.();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections?.();
    });
  };
  return { server, close };
}
