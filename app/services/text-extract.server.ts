// Issue #20: text of uploaded library documents, for the full-text index. PDFs are read with unpdf (Mozilla's
// pdf.js packaged for servers), Word (.docx) files with mammoth, each in a worker thread with its own heap cap and a
// deadline: a hostile or huge file can use up that worker, never the server's event loop or memory; it is terminated
// when time runs out. A .docx is a zip: its declared sizes are checked before anything is inflated (zip bombs).
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { checkZipSizes } from "./zip-directory.server";

/** How much extracted text is kept per version (the index keeps less; see search.server.ts). */
export const MAX_TEXT_CHARS = 200_000;
const WORKER_TIMEOUT_MS = 20_000;
const WORKER_HEAP_MB = 128;
const MAX_PDF_PAGES = 500;
/** The most a .docx may inflate to (all its parts together, as declared in the zip's directory). */
export const MAX_DOCX_INFLATED_BYTES = 40 * 1024 * 1024;

export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export type Extracted = { ok: true; text: string } | { ok: false; error: string } | { ok: true; text: null };

// Runs in the worker: read the file, post its text back. Kept as a string so the server build (one bundled file)
// needs no second entry point; the libraries are loaded by their resolved paths.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const fs = require("node:fs");
async function pdfText() {
  const { getDocumentProxy } = await import(workerData.lib);
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
  return text;
}
async function docxText() {
  const mammoth = require(workerData.lib);
  const result = await mammoth.extractRawText({ buffer: fs.readFileSync(workerData.file) });
  return result.value;
}
(async () => {
  try {
    const text = workerData.kind === "pdf" ? await pdfText() : await docxText();
    parentPort.postMessage({ ok: true, text: text.slice(0, workerData.maxChars) });
  } catch (e) {
    parentPort.postMessage({ ok: false, error: String((e && e.message) || e).slice(0, 300) });
  }
})();
`;

const libs = new Map<string, string>();
function libraryEntry(kind: "pdf" | "docx"): string {
  let entry = libs.get(kind);
  if (!entry) {
    const require = createRequire(import.meta.url);
    entry =
      kind === "pdf"
        ? pathToFileURL(require.resolve("unpdf").replace(/index\.cjs$/, "index.mjs")).href
        : require.resolve("mammoth");
    libs.set(kind, entry);
  }
  return entry;
}

function inWorker(kind: "pdf" | "docx", file: string, timeoutMs: number): Promise<Extracted> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { kind, file, lib: libraryEntry(kind), maxChars: MAX_TEXT_CHARS, maxPages: MAX_PDF_PAGES },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 32 },
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

export function extractPdfText(file: string, timeoutMs = WORKER_TIMEOUT_MS): Promise<Extracted> {
  return inWorker("pdf", file, timeoutMs);
}

/** Word text; a .docx that is not a sound zip, or would inflate past the cap, is refused before it is opened. */
export async function extractDocxText(file: string, timeoutMs = WORKER_TIMEOUT_MS): Promise<Extracted> {
  const check = await checkZipSizes(file, MAX_DOCX_INFLATED_BYTES);
  if (!check.ok) return check;
  return inWorker("docx", file, timeoutMs);
}

/** Text of a stored file of the given (detected) type; `text: null` for types we do not read. */
export async function extractText(file: string, contentType: string): Promise<Extracted> {
  if (contentType === "application/pdf") return extractPdfText(file);
  if (contentType === DOCX_TYPE) return extractDocxText(file);
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
