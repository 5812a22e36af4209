// Issue #20: a zip's central directory read without inflating anything, so a .docx that claims to unpack to
// gigabytes (a zip bomb) is refused before a library opens it. The worker's heap cap catches a file that lies.
import fs from "node:fs/promises";

const EOCD_SIG = 0x06054b50;
const CDH_SIG = 0x02014b50;
const MAX_ENTRIES = 5000;

export async function checkZipSizes(file: string, maxInflated: number): Promise<{ ok: true } | { ok: false; error: string }> {
  const corrupt = { ok: false as const, error: "The Word file is damaged (not a readable .docx)." };
  const fh = await fs.open(file, "r");
  try {
    const { size } = await fh.stat();
    // The end-of-directory record is in the last 22 bytes plus a comment of at most 64 KiB.
    const tailLen = Math.min(size, 22 + 65_535);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIG) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) return corrupt;
    const entries = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirOffset = tail.readUInt32LE(eocd + 16);
    // 0xFFFF / 0xFFFFFFFF mean ZIP64, which no Word document needs.
    if (entries === 0xffff || dirOffset === 0xffffffff || entries > MAX_ENTRIES) return { ok: false, error: "The Word file has too many parts to read." };
    if (dirOffset + dirSize > size) return corrupt;
    const dir = Buffer.alloc(dirSize);
    await fh.read(dir, 0, dirSize, dirOffset);
    let pos = 0;
    let total = 0;
    for (let n = 0; n < entries; n++) {
      if (pos + 46 > dir.length || dir.readUInt32LE(pos) !== CDH_SIG) return corrupt;
      const inflated = dir.readUInt32LE(pos + 24);
      if (inflated === 0xffffffff) return { ok: false, error: "The Word file is too large to read." };
      total += inflated;
      if (total > maxInflated) return { ok: false, error: "The Word file unpacks to more than we read; its text is not indexed." };
      pos += 46 + dir.readUInt16LE(pos + 28) + dir.readUInt16LE(pos + 30) + dir.readUInt16LE(pos + 32);
    }
    return { ok: true };
  } finally {
    await fh.close();
  }
}
