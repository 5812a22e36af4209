// Issue #20: text of uploaded library documents, for the full-text index. PDFs are read with unpdf (Mozilla's
// pdf.js packaged for servers) in a worker thread with its own heap cap and a deadline: a hostile or huge file can
// use up that worker, never the server's event loop or memory; it is terminated when time runs out.
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

/** How much extracted text is kept per version (the index keeps less; see search.server.ts). */
export const MAX_TEXT_CHARS = 200_000;
const PDF_TIMEOUT_MS = 20_000;
const PDF_HEAP_MB = 128;
const MAX_PDF_PAGES = 500;

export type Extracted = { ok: true; text: string } | { ok: false; error: string } | { ok: true; text: null };

// Runs in the worker: import unpdf, read the pages' text, post it back. Kept as a string so the server build (one
// bundled file) needs no second entry point.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
(async () => {
  try {
    const fs = require("node:fs");
    const { getDocumentProxy } = await import(workerData.unpdf);
    const bytes = new Uint8Array(fs.readFileSync(workerData.file));
    const pdf = await getDocumentProxy(bytes, { isEvalSupported: false, useSystemFonts: false, disableFontFace: true });
    let text = "";
    const pages = Math.min(pdf.numPages, workerData.maxPages);
    for (let i = 1; i <= pages && text.length < workerData.maxChars; i++) {
      const page = await pdf.getPage(i);
      const content = await page.getTextContent();
      text += content.items.map((it) => ("str" in it ? it.str + (it.hasEOL ? "\\n" : "") : "")).join("") + "\\n";
      page.cleanup();
    }
    await pdf.destroy();
    parentPort.postMessage({ ok: true, text: text.slice(0, workerData.maxChars) });
  } catch (e) {
    parentPort.postMessage({ ok: false, error: String((e && e.message) || e).slice(0, 300) });
  }
})();
`;

let unpdfUrl: string | null = null;
function unpdfEntry(): string {
  if (!unpdfUrl) {
    const require = createRequire(import.meta.url);
    unpdfUrl = pathToFileURL(require.resolve("unpdf").replace(/index\.cjs$/, "index.mjs")).href;
  }
  return unpdfUrl;
}

export function extractPdfText(file: string, timeoutMs = PDF_TIMEOUT_MS): Promise<Extracted> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file, unpdf: unpdfEntry(), maxChars: MAX_TEXT_CHARS, maxPages: MAX_PDF_PAGES },
      resourceLimits: { maxOldGenerationSizeMb: PDF_HEAP_MB, maxYoungGenerationSizeMb: 32 },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const finish = (r: Extracted) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(r);
    };
    const timer = setTimeout(() => finish({ ok: false, error: "Reading the text took too long." }), timeoutMs);
    worker.on("message", (m: Extracted) => finish(m));
    worker.on("error", (e) => finish({ ok: false, error: `The file could not be read (${e.message.slice(0, 200)}).` }));
    worker.on("exit", () => finish({ ok: false, error: "The file could not be read." }));
  });
}

/** Text of a stored file of the given (detected) type; `text: null` for types we do not read. */
export async function extractText(file: string, contentType: string): Promise<Extracted> {
  if (contentType === "application/pdf") return extractPdfText(file);
  if (contentType.startsWith("text/plain")) {
    const fh = await fs.open(file, "r");
    try {
      const buf = Buffer.alloc(MAX_TEXT_CHARS * 2);
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      return { ok: true, text: buf.subarray(0, bytesRead).toString("utf8").slice(0, MAX_TEXT_CHARS) };
    } finally {
      await fh.close();
    }
  }
  return { ok: true, text: null };
}
