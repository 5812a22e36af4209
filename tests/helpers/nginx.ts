// A real nginx from Debian's package (/usr/sbin/nginx) in front of a test server, running the shipped site file
// content/deploy/nginx/colloquy.conf with only its ports and paths changed, TLS included (a self-signed
// certificate for 127.0.0.1 made with openssl). Without nginx the proxy tests are skipped loudly on a laptop;
// under CI=true a missing nginx fails the run. nginx runs in the foreground under a small shell that ends it
// when this process goes away, so it stops by itself.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export const NGINX = process.env.NGINX_PATH ?? "/usr/sbin/nginx";
export const hasNginx = fs.existsSync(NGINX);

if (!hasNginx) {
  const msg = `\n!!! No nginx at ${NGINX}: the behind-a-proxy tests are SKIPPED. Install it with: apt-get install -y nginx\n`;
  if (process.env.CI === "true") throw new Error(msg);
  console.warn(msg);
}

export const SHIPPED_SITE = path.resolve("content/deploy/nginx/colloquy.conf");

/** A port nobody listens on right now (the kernel's pick, released for the caller to bind). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Replaces `from` exactly `count` times, so a change to the shipped file cannot silently skip a substitution. */
function substitute(text: string, from: string | RegExp, to: string, count = 1): string {
  const re = typeof from === "string" ? new RegExp(from.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "g") : from;
  const found = text.match(re)?.length ?? 0;
  if (found !== count) throw new Error(`expected ${count}× ${String(from)} in ${SHIPPED_SITE}, found ${found}`);
  return text.replace(re, to);
}

export interface Nginx {
  /** https://127.0.0.1:<port>: the public origin, as APP_URL must say. */
  origin: string;
  port: number;
  httpPort: number;
  /** The self-signed certificate clients must trust. */
  ca: Buffer;
  /** The generated site file, for inspection. */
  site: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** The shipped site file with only ports and paths changed (and IPv6 listens dropped: CI may lack IPv6). */
export function siteForTest(opts: { tlsPort: number; httpPort: number; appPort: number; dir: string; maxUploadMb: number }) {
  let site = fs.readFileSync(SHIPPED_SITE, "utf8");
  site = substitute(site, "server 127.0.0.1:3000;", `server 127.0.0.1:${opts.appPort};`);
  site = substitute(site, "listen 80;", `listen 127.0.0.1:${opts.httpPort};`);
  site = substitute(site, "listen 443 ssl http2;", `listen 127.0.0.1:${opts.tlsPort} ssl http2;`);
  site = substitute(site, /^\s*listen \[::\]:.*$/gm, "", 2);
  site = substitute(site, "/etc/letsencrypt/live/colloquy.example.org/fullchain.pem", path.join(opts.dir, "cert.pem"));
  site = substitute(site, "/etc/letsencrypt/live/colloquy.example.org/privkey.pem", path.join(opts.dir, "key.pem"));
  site = substitute(site, "/var/cache/nginx/colloquy", path.join(opts.dir, "cache"));
  site = substitute(site, "/var/www/html", path.join(opts.dir, "www"));
  // The upload limit follows the test's MAX_UPLOAD_MB the way the file says to: that many MB plus one.
  site = substitute(site, "client_max_body_size 101m;", `client_max_body_size ${opts.maxUploadMb + 1}m;`);
  return site;
}

export async function startNginx(opts: { appPort: number; tlsPort?: number; maxUploadMb: number }): Promise<Nginx> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "colloquy-nginx-"));
  const tlsPort = opts.tlsPort ?? (await freePort());
  const httpPort = await freePort();
  for (const sub of ["cache", "www", "body", "proxy", "fastcgi", "uwsgi", "scgi", "logs"]) fs.mkdirSync(path.join(dir, sub));
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
      "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
      "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem")],
    { stdio: "pipe" },
  );
  const site = siteForTest({ tlsPort, httpPort, appPort: opts.appPort, dir, maxUploadMb: opts.maxUploadMb });
  fs.writeFileSync(path.join(dir, "colloquy.conf"), site);
  // The frame Debian's /etc/nginx/nginx.conf gives a site file, reduced to what a test folder needs.
  const main = `
${process.getuid?.() === 0 ? "user root;" : ""}
daemon off;
worker_processes 1;
pid ${path.join(dir, "nginx.pid")};
error_log stderr warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  sendfile on;
  access_log off;
  client_body_temp_path ${path.join(dir, "body")};
  proxy_temp_path ${path.join(dir, "proxy")};
  fastcgi_temp_path ${path.join(dir, "fastcgi")};
  uwsgi_temp_path ${path.join(dir, "uwsgi")};
  scgi_temp_path ${path.join(dir, "scgi")};
  gzip on;
  include ${path.join(dir, "colloquy.conf")};
}
`;
  fs.writeFileSync(path.join(dir, "nginx.conf"), main);
  // The shell ends nginx when our end of its stdin closes (this process exited, however it exited).
  const child = spawn(
    "sh",
    ["-c", `"$0" -p "$1" -c "$1/nginx.conf" & pid=$!; cat >/dev/null; kill -TERM $pid 2>/dev/null; wait $pid`, NGINX, dir],
    { stdio: ["pipe", "pipe", "pipe"] },
  );
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  let exited = false;
  child.on("exit", () => (exited = true));
  // Ready once the TLS port accepts connections.
  for (let i = 0; ; i++) {
    if (exited || /\[emerg\]/.test(out)) throw new Error(`nginx did not start:\n${out}`);
    const up = await new Promise<boolean>((resolve) => {
      const s = net.connect(tlsPort, "127.0.0.1", () => {
        s.destroy();
        resolve(true);
      });
      s.on("error", () => resolve(false));
    });
    if (up) break;
    if (i > 200) throw new Error(`nginx did not listen on ${tlsPort}:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    origin: `https://127.0.0.1:${tlsPort}`,
    port: tlsPort,
    httpPort,
    ca: fs.readFileSync(path.join(dir, "cert.pem")),
    site,
    output: () => out,
    stop: async () => {
      if (!exited) {
        await new Promise<void>((resolve) => {
          child.once("exit", () => resolve());
          child.stdin!.end();
          setTimeout(() => child.kill("SIGKILL"), 5000).unref();
        });
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
