// A zip's central directory read without inflating anything: the uploads check which Office file a zip is by its
// part names, and the library refuses a .docx that claims to unpack to gigabytes (a zip bomb) before a library opens
// it (the extraction worker's heap cap catches a file whose directory lies).
import fsp from "node:fs/promises";

export interface ZipEntry {
  name: string;
  /** The uncompressed size the directory declares (0xFFFFFFFF: a ZIP64 entry). */
  inflated: number;
}

/** The entries of a zip file, or null when it has no readable central directory. */
export async function readZipDirectory(file: string): Promise<ZipEntry[] | null> {
  const fh = await fsp.open(file, "r");
  try {
    const { size } = await fh.stat();
    // The end-of-directory record is in the last 22 bytes plus a comment of at most 64 KiB.
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
    const out: ZipEntry[] = [];
    let p = 0;
    for (let n = 0; n < entries && p + 46 <= cd.length; n++) {
      if (cd.readUInt32LE(p) !== 0x02014b50) return null;
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      out.push({ name: cd.toString("utf8", p + 46, p + 46 + nameLen), inflated: cd.readUInt32LE(p + 24) });
      p += 46 + nameLen + extraLen + commentLen;
    }
    return out;
  } finally {
    await fh.close();
  }
}

const MAX_ENTRIES = 5000;

/** Refuses a zip whose parts together would inflate past `maxInflated`, or that a Word file would never be. */
export async function checkZipSizes(file: string, maxInflated: number): Promise<{ ok: true } | { ok: false; error: string }> {
  const entries = await readZipDirectory(file);
  if (!entries || !entries.some((e) => e.name === "word/document.xml")) return { ok: false, error: "The Word file is damaged (not a readable .docx)." };
  if (entries.length > MAX_ENTRIES) return { ok: false, error: "The Word file has too many parts to read." };
  let total = 0;
  for (const e of entries) {
    total += e.inflated;
    if (e.inflated === 0xffffffff || total > maxInflated) return { ok: false, error: "The Word file unpacks to more than we read; its text is not indexed." };
  }
  return { ok: true };
}
