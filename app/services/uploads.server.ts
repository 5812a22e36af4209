// File uploads: streamed to a temporary file under UPLOADS_DIR/.tmp, size capped while streaming, type decided from
// the bytes, then moved under a random name. What the browser says about the file (name, type) is only a label.
import { unstable_parseMultipartFormData } from "@remix-run/node";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { env } from "~/utils/env.server";

export const ACCEPTED_KINDS = "PDF, Word, PowerPoint, Excel, images (PNG, JPEG, GIF, WebP) or plain text";
/** For the file input's accept attribute: a hint to the browser, never trusted. */
export const ACCEPT_ATTRIBUTE =
  ".pdf,.doc,.docx,.ppt,.pptx,.xls,.xlsx,.png,.jpg,.jpeg,.gif,.webp,.txt,.md,.csv,application/pdf,image/*,text/plain";

/** Text fields travel in the same body as the file; they are small. */
const FIELD_LIMIT = 64 * 1024;
/** Room for the text fields and multipart framing beside the file itself when judging Content-Length. */
const FORM_OVERHEAD = 512 * 1024;

export function maxUploadBytes(): number {
  return Math.floor(env().MAX_UPLOAD_MB * 1024 * 1024);
}

export function maxUploadLabel(): string {
  return `${env().MAX_UPLOAD_MB} MB`;
}

export interface DetectedType {
  contentType: string;
  /** Extensions (with the dot) that fit this type; the first is the one added when a label has none of them. */
  extensions: string[];
  label: string;
}

const TYPES = {
  pdf: { contentType: "application/pdf", extensions: [".pdf"], label: "PDF" },
  docx: {
    contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extensions: [".docx"],
    label: "Word",
  },
  xlsx: { contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extensions: [".xlsx"], label: "Excel" },
  pptx: {
    contentType: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    extensions: [".pptx"],
    label: "PowerPoint",
  },
  doc: { contentType: "application/msword", extensions: [".doc"], label: "Word" },
  xls: { contentType: "application/vnd.ms-excel", extensions: [".xls"], label: "Excel" },
  ppt: { contentType: "application/vnd.ms-powerpoint", extensions: [".ppt"], label: "PowerPoint" },
  png: { contentType: "image/png", extensions: [".png"], label: "PNG image" },
  jpeg: { contentType: "image/jpeg", extensions: [".jpg", ".jpeg"], label: "JPEG image" },
  gif: { contentType: "image/gif", extensions: [".gif"], label: "GIF image" },
  webp: { contentType: "image/webp", extensions: [".webp"], label: "WebP image" },
  text: { contentType: "text/plain; charset=utf-8", extensions: [".txt", ".md", ".csv", ".text"], label: "Text" },
} satisfies Record<string, DetectedType>;

export function typeLabel(contentType: string): string {
  return Object.values(TYPES).find((t) => t.contentType === contentType)?.label ?? "File";
}

const startsWith = (buf: Uint8Array, bytes: number[], at = 0) => bytes.every((b, i) => buf[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

type Family = "pdf" | "zip" | "ole" | "png" | "jpeg" | "gif" | "webp" | "text";

/** A first judgement from the opening bytes, made while the upload streams so a wrong file stops early. */
export function sniffFamily(head: Uint8Array): Family | null {
  if (startsWith(head, ascii("%PDF-"))) return "pdf";
  if (startsWith(head, ZIP)) return "zip";
  if (startsWith(head, OLE)) return "ole";
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(head, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(head, ascii("GIF87a")) || startsWith(head, ascii("GIF89a"))) return "gif";
  if (startsWith(head, ascii("RIFF")) && startsWith(head, ascii("WEBP"), 8)) return "webp";
  // Markup (SVG, HTML, XML) is not plain text: an SVG is a document that can run script.
  if (looksLikeText(head, true) && !looksLikeMarkup(head)) return "text";
  return null;
}

function looksLikeMarkup(head: Uint8Array): boolean {
  const start = Buffer.from(head.subarray(0, 512)).toString("utf8").replace(/^\ufeff/, "").trimStart().toLowerCase();
  return /^<(\?xml|svg|!doctype\s+html|html|head|body|script)\b/.test(start);
}

/** UTF-8 without NUL or other control characters (tab, newlines and form feed allowed). */
function looksLikeText(buf: Uint8Array, partial: boolean): boolean {
  for (const b of buf) {
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) return false;
    if (b === 0x7f) return false;
  }
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(buf, { stream: partial });
    return true;
  } catch {
    return false;
  }
}

/** Names of the entries in a zip file, from its central directory (read from the end of the file). */
async function zipEntryNames(file: string): Promise<string[] | null> {
  const fh = await fsp.open(file, "r");
  try {
    const { size } = await fh.stat();
    const tailLen = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) return null;
    const entries = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset + cdSize > size || cdSize > 16 * 1024 * 1024) return null;
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    const names: string[] = [];
    let p = 0;
    for (let n = 0; n < entries && p + 46 <= cd.length; n++) {
      if (cd.readUInt32LE(p) !== 0x02014b50) return null;
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      names.push(cd.toString("utf8", p + 46, p + 46 + nameLen));
      p += 46 + nameLen + extraLen + commentLen;
    }
    return names;
  } finally {
    await fh.close();
  }
}

const OLE_STREAMS: [string, keyof typeof TYPES][] = [
  ["WordDocument", "doc"],
  ["PowerPoint Document", "ppt"],
  ["Workbook", "xls"],
  ["Book", "xls"],
];

/**
 * Which Office application wrote a legacy (OLE compound) file: its directory names a "WordDocument",
 * "PowerPoint Document" or "Workbook" stream. Directory entries are 128-byte records on 128-byte boundaries
 * (MS-CFB §2.6), with the UTF-16LE name, its byte length and the entry type.
 */
async function oleKind(file: string): Promise<keyof typeof TYPES | null> {
  const found = new Set<keyof typeof TYPES>();
  const stream = fs.createReadStream(file, { highWaterMark: 1024 * 1024 });
  let carry: Buffer = Buffer.alloc(0);
  let base = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    let i = (128 - (base % 128)) % 128;
    for (; i + 128 <= buf.length; i += 128) {
      const type = buf[i + 66];
      if (type !== 1 && type !== 2) continue;
      const nameLen = buf.readUInt16LE(i + 64);
      if (nameLen < 4 || nameLen > 64) continue;
      const name = buf.toString("utf16le", i, i + nameLen - 2);
      for (const [stream, kind] of OLE_STREAMS) if (name === stream) found.add(kind);
    }
    carry = buf.subarray(i);
    base += buf.length - carry.length;
  }
  for (const [, kind] of OLE_STREAMS) if (found.has(kind)) return kind;
  return null;
}

async function isUtf8TextFile(file: string): Promise<boolean> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
      if (!looksLikeText(chunk, true)) return false;
      decoder.decode(chunk, { stream: true });
    }
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

/** The type of a file on disk, judged from its bytes; null when it is not one we accept. */
export async function detectFileType(file: string, head?: Uint8Array): Promise<DetectedType | null> {
  let first = head;
  if (!first) {
    const fh = await fsp.open(file, "r");
    try {
      const b = Buffer.alloc(4096);
      const { bytesRead } = await fh.read(b, 0, 4096, 0);
      first = b.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  }
  const family = sniffFamily(first);
  switch (family) {
    case "pdf":
    case "png":
    case "jpeg":
    case "gif":
    case "webp":
      return TYPES[family];
    case "zip": {
      const names = await zipEntryNames(file);
      if (!names || !names.includes("[Content_Types].xml")) return null;
      if (names.includes("word/document.xml")) return TYPES.docx;
      if (names.includes("xl/workbook.xml")) return TYPES.xlsx;
      if (names.includes("ppt/presentation.xml")) return TYPES.pptx;
      return null;
    }
    case "ole": {
      const kind = await oleKind(file);
      return kind ? TYPES[kind] : null;
    }
    case "text":
      return (await isUtf8TextFile(file)) ? TYPES.text : null;
    default:
      return null;
  }
}

// Bidirectional overrides and isolates, zero-width characters, BOM: they can make "exe.pdf" read as "fdp.exe".
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** The browser's file name made safe to show and to offer back as a download name. Never used as a path. */
export function sanitizeFileName(raw: string, maxChars = 150): string {
  let s = raw.normalize("NFC").replace(CONTROL, "").replace(INVISIBLE, "");
  s = s.split(/[/\\]/).pop() ?? "";
  s = s.replace(/["<>:|?*]/g, "_").replace(/\s+/g, " ").trim();
  s = s.replace(/^[.\s]+/, "").replace(/[.\s]+$/, "");
  if (s.length > maxChars) {
    const ext = /\.[A-Za-z0-9]{1,8}$/.exec(s)?.[0] ?? "";
    s = s.slice(0, maxChars - ext.length).trimEnd() + ext;
  }
  return s || "file";
}

/** The label with an extension that matches the detected type (a text file called "x.pdf" becomes "x.pdf.txt"). */
export function downloadName(label: string, type: DetectedType): string {
  const lower = label.toLowerCase();
  return type.extensions.some((e) => lower.endsWith(e)) ? label : `${label}${type.extensions[0]}`;
}

/** RFC 6266 Content-Disposition with an ASCII fallback and the UTF-8 name in filename* (RFC 8187). */
export function contentDisposition(fileName: string): string {
  const fallback =
    fileName
      .normalize("NFKD")
      .replace(/[^\x20-\x7e]/g, "")
      .replace(/["\\%;]/g, "_")
      .trim() || "download";
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** Folders under UPLOADS_DIR; message attachments (issue #15) are kept apart from course materials. */
export type UploadArea = "materials" | "messages";

export interface UploadedFile {
  /** Temporary path; moved away by storeUpload. */
  tempPath: string;
  fileName: string;
  size: number;
  sha256: string;
  type: DetectedType;
}

export type UploadResult =
  | { ok: true; fields: Record<string, string>; file: UploadedFile | null; discard: () => Promise<void> }
  | { ok: false; status: 400 | 413 | 415; error: string; fields: Record<string, string> };

class UploadRefused extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

function uploadsRoot() {
  return path.resolve(env().UPLOADS_DIR);
}

function tempDir() {
  const dir = path.join(uploadsRoot(), ".tmp");
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

async function removeQuietly(file: string) {
  await fsp.rm(file, { force: true }).catch(() => undefined);
}

/**
 * Reads a multipart form with at most one file (field `fileField`). The file streams to a temp file; the size cap is
 * enforced while streaming (and up front from Content-Length), and the opening bytes are checked as they arrive,
 * so a wrong or oversized file stops the read early. Text fields that came before the file are returned even when
 * the file is refused, so the form can be shown again with them. Nothing stays on disk after a refusal; on success
 * the caller must storeUpload() or discard().
 */
export async function receiveUpload(
  request: Request,
  opts: { fileField?: string; maxBytes?: number; fieldLimit?: number } = {},
): Promise<UploadResult> {
  const fileField = opts.fileField ?? "file";
  // Messages carry their text beside the file: a long text must reach the form's own check, so the draft is kept.
  const fieldLimit = opts.fieldLimit ?? FIELD_LIMIT;
  const maxBytes = opts.maxBytes ?? maxUploadBytes();
  const tooLarge = () =>
    new UploadRefused(413, `The file is larger than ${maxUploadLabel()}, the most we accept. Choose a smaller file.`);
  const fields: Record<string, string> = {};
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data;/i.test(contentType)) {
    return { ok: false, status: 400, error: "The form must be sent as a file upload (multipart/form-data).", fields };
  }
  const declared = Number(request.headers.get("content-length") ?? "");
  const declaredTooLarge = Number.isFinite(declared) && declared > maxBytes + FORM_OVERHEAD + Math.max(0, fieldLimit - FIELD_LIMIT);
  let file: UploadedFile | null = null;
  const temps: string[] = [];

  const handler = async ({ name, filename, data }: { name: string; filename?: string; data: AsyncIterable<Uint8Array> }) => {
    if (filename === undefined) {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of data) {
        size += chunk.byteLength;
        if (size > fieldLimit) throw new UploadRefused(400, "A text field in the form is too long.");
        chunks.push(Buffer.from(chunk));
      }
      fields[name] = Buffer.concat(chunks).toString("utf8");
      return undefined;
    }
    if (name !== fileField || file) throw new UploadRefused(400, "Send one file at a time.");
    if (declaredTooLarge) throw tooLarge();
    const tempPath = path.join(tempDir(), `${randomBytes(16).toString("hex")}.part`);
    temps.push(tempPath);
    const fh = await fsp.open(tempPath, "wx", 0o600);
    const hash = createHash("sha256");
    let size = 0;
    let head = Buffer.alloc(0);
    let sniffed = false;
    try {
      for await (const chunk of data) {
        size += chunk.byteLength;
        if (size > maxBytes) throw tooLarge();
        if (!sniffed) {
          head = Buffer.concat([head, chunk]).subarray(0, 4096);
          if (head.length >= 4096) {
            sniffed = true;
            if (!sniffFamily(head)) throw refusedType();
          }
        }
        hash.update(chunk);
        await fh.write(chunk);
      }
    } finally {
      await fh.close();
    }
    // A file input left empty still sends a part, with an empty name and no bytes.
    if (size === 0 && filename === "") return undefined;
    if (size === 0) throw new UploadRefused(400, "The file is empty. Choose a file with something in it.");
    if (!sniffed && !sniffFamily(head)) throw refusedType();
    const type = await detectFileType(tempPath, head);
    if (!type) throw refusedType();
    const label = sanitizeFileName(filename);
    file = { tempPath, fileName: downloadName(label, type), size, sha256: hash.digest("hex"), type };
    return undefined;
  };

  try {
    await unstable_parseMultipartFormData(request, handler);
  } catch (error) {
    await Promise.all(temps.map(removeQuietly));
    if (error instanceof UploadRefused) return { ok: false, status: error.status, error: error.message, fields };
    return { ok: false, status: 400, error: "The upload was interrupted or could not be read. Please try again.", fields };
  }
  const received = file as UploadedFile | null;
  return {
    ok: true,
    fields,
    file: received,
    discard: async () => {
      await Promise.all(temps.map(removeQuietly));
    },
  };
}

function refusedType() {
  return new UploadRefused(415, `This kind of file is not accepted. Upload ${ACCEPTED_KINDS}.`);
}

/** Moves an upload into UPLOADS_DIR/<area>/ under a new random name and returns that name. */
export async function storeUpload(file: UploadedFile, area: UploadArea): Promise<string> {
  const dir = path.join(uploadsRoot(), area);
  await fsp.mkdir(dir, { recursive: true });
  const storedName = randomBytes(16).toString("hex");
  await fsp.rename(file.tempPath, path.join(dir, storedName));
  return storedName;
}

/** Absolute path of a stored file; the name is ours (random hex), checked again here all the same. */
export function storedFilePath(area: UploadArea, storedName: string): string {
  if (!/^[a-f0-9]{32}$/.test(storedName)) throw new Error("invalid stored file name");
  return path.join(uploadsRoot(), area, storedName);
}

export async function removeStoredFile(area: UploadArea, storedName: string) {
  await removeQuietly(storedFilePath(area, storedName));
}

/** Writes a file the server generated itself (demo seed) as a stored upload. */
export async function storeGeneratedFile(area: UploadArea, bytes: Uint8Array, root = uploadsRoot()): Promise<string> {
  const dir = path.join(root, area);
  await fsp.mkdir(dir, { recursive: true });
  const storedName = randomBytes(16).toString("hex");
  await fsp.writeFile(path.join(dir, storedName), bytes, { mode: 0o600 });
  return storedName;
}

/** Temp files of uploads cut off by a crash are swept after a day (a periodic task, see services/tasks.server.ts). */
export async function sweepUploadTemp() {
  const dir = path.join(uploadsRoot(), ".tmp");
  const entries = await fsp.readdir(dir).catch(() => [] as string[]);
  const cutoff = Date.now() - 24 * 3600 * 1000;
  for (const name of entries) {
    const full = path.join(dir, name);
    const stat = await fsp.stat(full).catch(() => null);
    if (stat && stat.mtimeMs < cutoff) await removeQuietly(full);
  }
}
