// Reading PDFs in tests without system tools: text through pdfjs-dist in Node, and a rendered page image through
// pdfjs-dist in Chromium (canvas), where jsQR reads any QR code on the rendered page.
import fs from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";

const root = path.resolve(__dirname, "../..");

/** The text of each page, items joined with spaces. */
export async function pdfText(bytes: Uint8Array): Promise<string[]> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => ("str" in it ? it.str : "")).join(" ").replace(/\s+/g, " "));
  }
  await doc.destroy();
  return pages;
}

const FILES: Record<string, { file: string; type: string }> = {
  "/pdf.mjs": { file: "node_modules/pdfjs-dist/build/pdf.min.mjs", type: "text/javascript" },
  "/pdf.worker.mjs": { file: "node_modules/pdfjs-dist/build/pdf.worker.min.mjs", type: "text/javascript" },
  "/jsqr.js": { file: "node_modules/jsqr/dist/jsQR.js", type: "text/javascript" },
};

const PAGE = `<!doctype html><html><body style="margin:0;background:#fff"><canvas id="c"></canvas>
<script src="/jsqr.js"></script>
<script type="module">
  import * as pdfjs from "/pdf.mjs";
  pdfjs.GlobalWorkerOptions.workerSrc = "/pdf.worker.mjs";
  try {
    const doc = await pdfjs.getDocument("/doc.pdf").promise;
    const page = await doc.getPage(1);
    const viewport = page.getViewport({ scale: 2 });
    const canvas = document.getElementById("c");
    canvas.width = viewport.width;
    canvas.height = viewport.height;
    const ctx = canvas.getContext("2d", { willReadFrequently: true });
    await page.render({ canvasContext: ctx, viewport }).promise;
    const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let dark = 0;
    for (let i = 0; i < img.data.length; i += 4) if (img.data[i] < 128) dark++;
    const qr = window.jsQR(img.data, img.width, img.height);
    window.result = { width: img.width, height: img.height, darkShare: dark / (img.width * img.height), qr: qr ? qr.data : null };
  } catch (e) {
    window.result = { error: String(e) };
  }
</script></body></html>`;

export interface RenderedPage {
  width: number;
  height: number;
  /** Share of dark pixels: a blank or broken render has none. */
  darkShare: number;
  /** The text of the QR code found on the page, if any. */
  qr: string | null;
  png: Buffer;
}

/** Renders page 1 of a PDF in Chromium and reads the QR code on it. */
export async function renderPdfPage(browser: Browser, bytes: Uint8Array): Promise<RenderedPage> {
  const context = await browser.newContext({ viewport: { width: 1300, height: 1700 } });
  const page = await context.newPage();
  await page.route("http://pdf.render.test/**", (route) => {
    const p = new URL(route.request().url()).pathname;
    if (p === "/") return route.fulfill({ contentType: "text/html", body: PAGE });
    if (p === "/doc.pdf") return route.fulfill({ contentType: "application/pdf", body: Buffer.from(bytes) });
    const f = FILES[p];
    if (f) return route.fulfill({ contentType: f.type, body: fs.readFileSync(path.join(root, f.file)) });
    return route.fulfill({ status: 404, body: "" });
  });
  await page.goto("http://pdf.render.test/");
  await page.waitForFunction(() => (window as unknown as { result?: unknown }).result !== undefined, null, { timeout: 20_000 });
  const result = (await page.evaluate(() => (window as unknown as { result: unknown }).result)) as Omit<RenderedPage, "png"> & { error?: string };
  if (result.error) throw new Error(`PDF render failed: ${result.error}`);
  const png = await page.locator("canvas").screenshot();
  await context.close();
  return { ...result, png };
}
