// Profile photos (issue #4): the type is decided from the bytes, the size is capped while reading, the image is
// re-encoded (auto-rotated, cropped square, resized) so no metadata (EXIF: GPS, camera, names) survives, and the
// result is stored under a random name in UPLOADS_DIR/photos, served only through an authorised route.
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import type Sharp from "sharp";
import { lazyRequire } from "~/utils/lazy-require.server";
import { env } from "~/utils/env.server";

const sharp = lazyRequire<typeof Sharp>("sharp");

export const PHOTO_MAX_BYTES = 8 * 1024 * 1024;
export const PHOTO_MAX_LABEL = "8 MB";
export const PHOTO_SIZE = 480;
const FIELD_LIMIT = 64 * 1024;
/** For the file input's accept attribute: a hint to the browser, never trusted. */
export const PHOTO_ACCEPT = "image/jpeg,image/png,image/webp";

export type PhotoResult = { ok: true; file: string } | { ok: false; error: string; status: number };

/** JPEG, PNG or WebP by signature; anything else (whatever its name or declared type) is refused. */
export function sniffImage(b: Uint8Array): "jpeg" | "png" | "webp" | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "jpeg";
  if (b.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x)) return "png";
  if (
    b.length >= 12 &&
    String.fromCharCode(...b.subarray(0, 4)) === "RIFF" &&
    String.fromCharCode(...b.subarray(8, 12)) === "WEBP"
  ) {
    return "webp";
  }
  return null;
}

export function photosDir(): string {
  return path.resolve(env().UPLOADS_DIR, "photos");
}

/** Only names we generated: the route never joins a client-supplied string onto a path. */
export function photoPath(file: string): string | null {
  if (!/^[a-f0-9]{32}\.webp$/.test(file)) return null;
  return path.join(photosDir(), file);
}

/**
 * Reads a form that may carry a "photo" file part (multipart, bounded in memory) or none (urlencoded).
 * `photo` is null when no file was chosen.
 */
export async function readFormWithPhoto(
  request: Request,
): Promise<{ ok: true; photo: Uint8Array | null; form: FormData } | { ok: false; error: string; status: number; form?: FormData }> {
  if (!/^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")) {
    return { ok: true, photo: null, form: await request.formData() };
  }
  // Far beyond any photo: refuse before reading. Moderately oversized photos are drained and reported beside the
  // field, so the member's other input is kept.
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > PHOTO_MAX_BYTES * 4) return { ok: false, status: 413, error: tooLarge() };
  let oversized = false;
  let fieldBytes = 0;
  const handler: UploadHandler = async ({ name, filename, data }) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const limit = filename === undefined ? FIELD_LIMIT : PHOTO_MAX_BYTES;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size <= limit) chunks.push(chunk);
    }
    if (filename === undefined) {
      fieldBytes += size;
      if (size > limit || fieldBytes > FIELD_LIMIT * 4) throw new Error("form fields too large");
      return Buffer.concat(chunks).toString("utf8");
    }
    if (name !== "photo" || size === 0) return undefined;
    if (size > limit) {
      oversized = true;
      return undefined;
    }
    return new File([Buffer.concat(chunks)], "photo");
  };
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, handler);
  } catch {
    return { ok: false, status: 400, error: "The form could not be read. Please try again." };
  }
  if (oversized) return { ok: false, status: 413, error: tooLarge(), form };
  const file = form.get("photo");
  if (!file || typeof file === "string" || file.size === 0) return { ok: true, photo: null, form };
  return { ok: true, photo: new Uint8Array(await file.arrayBuffer()), form };
}

const tooLarge = () => `That photo is too large. Please choose an image under ${PHOTO_MAX_LABEL}.`;

/** Checks, re-encodes and stores a photo; returns the stored file name. */
export async function storePhoto(bytes: Uint8Array): Promise<PhotoResult> {
  if (bytes.byteLength > PHOTO_MAX_BYTES) {
    return { ok: false, status: 413, error: tooLarge() };
  }
  const kind = sniffImage(bytes);
  if (!kind) {
    return { ok: false, status: 415, error: "That file is not a photo we can use. Please choose a JPEG, PNG or WebP image." };
  }
  let out: Buffer;
  try {
    const image = sharp()(bytes, { limitInputPixels: 50_000_000, failOn: "error", animated: false });
    const meta = await image.metadata();
    if (meta.format !== kind && !(kind === "jpeg" && meta.format === "jpeg")) {
      return { ok: false, status: 415, error: "That file is not a photo we can use. Please choose a JPEG, PNG or WebP image." };
    }
    if (!meta.width || !meta.height || meta.width < 64 || meta.height < 64) {
      return { ok: false, status: 400, error: "That image is too small. Please choose a photo at least 64 × 64 pixels." };
    }
    // rotate() applies the EXIF orientation; webp() writes no metadata unless asked (keepMetadata is not called).
    out = await image
      .rotate()
      .resize(PHOTO_SIZE, PHOTO_SIZE, { fit: "cover", position: "attention" })
      .webp({ quality: 82 })
      .toBuffer();
  } catch {
    return { ok: false, status: 415, error: "That image could not be read. It may be damaged; please try another photo." };
  }
  const file = `${randomBytes(16).toString("hex")}.webp`;
  await fsp.mkdir(photosDir(), { recursive: true });
  const target = path.join(photosDir(), file);
  const tmp = `${target}.tmp`;
  await fsp.writeFile(tmp, out, { mode: 0o600 });
  await fsp.rename(tmp, target);
  return { ok: true, file };
}

export async function removePhoto(file: string | null | undefined) {
  if (!file) return;
  const p = photoPath(file);
  if (p) await fsp.rm(p, { force: true });
}

export function readPhoto(file: string): Buffer | null {
  const p = photoPath(file);
  if (!p || !fs.existsSync(p)) return null;
  return fs.readFileSync(p);
}
