// Compressed copies of the fingerprinted browser assets (issue #9). Every page's JavaScript and CSS is fetched once per
// visitor and cached for a year, so each file is compressed once (brotli at its best level, and gzip), off the event
// loop, the first time it is asked for, and served from memory from then on. Pages themselves are not compressed here
// (a reverse proxy may do it); this keeps compression work out of every request.
import type express from "express";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const COMPRESSIBLE = /\.(js|css|map|json|svg|txt)$/;
const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
};

interface Entry {
  br: Buffer;
  gz: Buffer;
}

/** Serves `br` or `gzip` copies of files under `root` when the client accepts them; anything else falls through. */
export function precompressedAssets(root: string): express.RequestHandler {
  const ready = new Map<string, Entry | null>();
  const pending = new Set<string>();
  const base = path.resolve(root);

  function prepare(file: string) {
    if (pending.has(file)) return;
    pending.add(file);
    fs.promises
      .readFile(file)
      .then(async (raw) => {
        const [br, gz] = await Promise.all([
          brotli(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
          gzip(raw, { level: 9 }),
        ]);
        ready.set(file, { br, gz });
      })
      .catch(() => ready.set(file, null))
      .finally(() => pending.delete(file));
  }

  return (req, res, next) => {
    if ((req.method !== "GET" && req.method !== "HEAD") || !COMPRESSIBLE.test(req.path)) return next();
    let rel: string;
    try {
      rel = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    const file = path.join(base, path.normalize(rel));
    if (!file.startsWith(base + path.sep)) return next();
    const accepts = String(req.headers["accept-encoding"] ?? "");
    const encoding = /\bbr\b/.test(accepts) ? "br" : /\bgzip\b/.test(accepts) ? "gzip" : null;
    const entry = ready.get(file);
    if (entry === undefined) {
      // Only real files are compressed; the first request gets the plain file while the copies are made.
      if (fs.existsSync(file)) prepare(file);
      return next();
    }
    if (!entry || !encoding) return next();
    const body = encoding === "br" ? entry.br : entry.gz;
    res.setHeader("Content-Type", TYPES[path.extname(file)] ?? "application/octet-stream");
    res.setHeader("Content-Encoding", encoding);
    res.setHeader("Content-Length", String(body.length));
    res.setHeader("Vary", "Accept-Encoding");
    res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
    res.status(200);
    if (req.method === "HEAD") return res.end();
    res.end(body);
  };
}
