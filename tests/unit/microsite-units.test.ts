// Pure parts of issue #5: file types from bytes (incl. Office OOXML and legacy OLE), file-name labels, RFC 6266
// headers, iCalendar escaping and folding, and wall-clock time in named zones across DST changes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makePdf } from "../../db/demo/pdf";
import { escapeText, foldLine } from "~/services/ical.server";
import { contentDisposition, detectFileType, downloadName, sanitizeFileName } from "~/services/uploads.server";
import { utcToWallTime, wallTimeToUtc } from "~/utils/zoned-time";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "colloquy-types-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

/** A real (stored, uncompressed) zip file with the given entries. */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const nameBuf = Buffer.from(name);
    const data = Buffer.from(content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** The shape of a legacy Office (OLE compound) file: header, then a directory sector naming its streams. */
function ole(streams: string[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from("d0cf11e0a1b11ae1", "hex").copy(header);
  const sector = Buffer.alloc(512);
  ["Root Entry", ...streams].forEach((name, i) => {
    const at = i * 128;
    sector.write(name, at, "utf16le");
    sector.writeUInt16LE((name.length + 1) * 2, at + 64);
    sector[at + 66] = i === 0 ? 5 : 2;
  });
  return Buffer.concat([header, Buffer.alloc(512), sector]);
}

describe("file types are judged from the bytes", () => {
  const cases: [string, Uint8Array, string | null][] = [
    ["pdf", makePdf("T", "Body"), "application/pdf"],
    ["docx", zip({ "[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>" }), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ["xlsx", zip({ "[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>" }), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    ["pptx", zip({ "[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p/>" }), "application/vnd.openxmlformats-officedocument.presentationml.presentation"],
    ["plain zip", zip({ "readme.txt": "hi" }), null],
    ["doc", ole(["WordDocument", "1Table"]), "application/msword"],
    ["xls", ole(["Workbook"]), "application/vnd.ms-excel"],
    ["ppt", ole(["PowerPoint Document", "Current User"]), "application/vnd.ms-powerpoint"],
    ["msg (other OLE)", ole(["__properties_version1.0"]), null],
    ["png", Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"), "image/png"],
    ["jpeg", Buffer.from("ffd8ffe000104a464946", "hex"), "image/jpeg"],
    ["gif", Buffer.from("GIF89a\x01\x00\x01\x00", "latin1"), "image/gif"],
    ["webp", Buffer.concat([Buffer.from("RIFF"), Buffer.alloc(4), Buffer.from("WEBPVP8 ")]), "image/webp"],
    ["utf-8 text", Buffer.from("Zusammenfassung: §§ 1–3 — “quoted”\n"), "text/plain; charset=utf-8"],
    ["latin-1 bytes", Buffer.from([0x48, 0xe9, 0x6c, 0x6c, 0x6f]), null],
    ["binary", Buffer.from([0x00, 0x01, 0x02, 0x03]), null],
    ["html", Buffer.from("<!DOCTYPE html><script>alert(1)</script>"), null],
    ["svg", Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'), null],
    ["exe", Buffer.from("MZ\x90\x00\x03\x00\x00\x00", "latin1"), null],
  ];
  for (const [label, bytes, expected] of cases) {
    it(label, async () => {
      const type = await detectFileType(write(label.replace(/\W/g, "_"), bytes));
      expect(type?.contentType ?? null).toBe(expected);
    });
  }
});

describe("the browser's file name is only a label", () => {
  it.each([
    ["../../etc/passwd", "passwd"],
    ["..\\..\\windows\\system32\\evil.doc", "evil.doc"],
    ["report\u202Efdp.exe", "reportfdp.exe"],
    ["a\u0000b\u0007c\u001b.txt", "abc.txt"],
    ["\u200F\u2066invoice\u2069.pdf", "invoice.pdf"],
    ["...hidden", "hidden"],
    ["  spaced   out  .txt ", "spaced out .txt"],
    ["", "file"],
    ["../", "file"],
    ['what?<>:"|*.pdf', "what_______.pdf"],
  ])("%j -> %j", (raw, label) => {
    expect(sanitizeFileName(raw)).toBe(label);
  });

  it("keeps the extension when shortening, and adds the right one for the detected type", () => {
    const long = sanitizeFileName(`${"x".repeat(300)}.pptx`);
    expect(long.length).toBe(150);
    expect(long.endsWith(".pptx")).toBe(true);
    const text = { contentType: "text/plain; charset=utf-8", extensions: [".txt", ".md"], label: "Text" };
    expect(downloadName("notes.md", text)).toBe("notes.md");
    expect(downloadName("notes.pdf", text)).toBe("notes.pdf.txt");
  });

  it("Content-Disposition: attachment with an ASCII fallback and the UTF-8 name (RFC 6266 / RFC 8187)", () => {
    expect(contentDisposition("Übersicht (2027).pdf")).toBe(
      `attachment; filename="Ubersicht (2027).pdf"; filename*=UTF-8''%C3%9Cbersicht%20%282027%29.pdf`,
    );
    expect(contentDisposition('a"b\\c;d%.txt')).toBe(`attachment; filename="a_b_c_d_.txt"; filename*=UTF-8''a%22b%5Cc%3Bd%25.txt`);
    expect(contentDisposition("日本語.pdf")).toMatch(/^attachment; filename=".pdf"; filename\*=UTF-8''%E6%97%A5/);
  });
});

describe("iCalendar text", () => {
  it("escapes backslash, semicolon, comma and newlines", () => {
    expect(escapeText("a\\b;c,d\r\ne\nf")).toBe("a\\\\b\\;c\\,d\\ne\\nf");
  });

  it("folds at 75 octets without splitting a UTF-8 character", () => {
    const line = `SUMMARY:${"ü".repeat(100)}`;
    const folded = foldLine(line);
    const parts = folded.split("\r\n");
    for (const p of parts) expect(Buffer.byteLength(p, "utf8")).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((p) => p.startsWith(" "))).toBe(true);
    expect(parts.map((p, i) => (i ? p.slice(1) : p)).join("")).toBe(line);
    expect(foldLine("SHORT:x")).toBe("SHORT:x");
  });
});

describe("wall-clock times in a named zone", () => {
  it("converts both ways, across daylight saving changes", () => {
    expect(wallTimeToUtc("2027-01-12T09:00", "America/New_York")!.toISOString()).toBe("2027-01-12T14:00:00.000Z");
    expect(wallTimeToUtc("2027-07-12T09:00", "America/New_York")!.toISOString()).toBe("2027-07-12T13:00:00.000Z");
    expect(wallTimeToUtc("2027-03-28T09:00", "Europe/Berlin")!.toISOString()).toBe("2027-03-28T07:00:00.000Z");
    expect(wallTimeToUtc("2027-03-27T09:00", "Europe/Berlin")!.toISOString()).toBe("2027-03-27T08:00:00.000Z");
    expect(wallTimeToUtc("2027-06-01T12:00", "Asia/Kolkata")!.toISOString()).toBe("2027-06-01T06:30:00.000Z");
    expect(utcToWallTime(new Date("2027-07-12T13:00:00Z"), "America/New_York")).toBe("2027-07-12T09:00");
    // A time skipped by the spring-forward jump moves forward rather than failing.
    expect(utcToWallTime(wallTimeToUtc("2027-03-14T02:30", "America/New_York")!, "America/New_York")).toBe("2027-03-14T03:30");
  });

  it("refuses malformed input and unknown zones", () => {
    expect(wallTimeToUtc("2027-02-30T09:00", "UTC")).toBeNull();
    expect(wallTimeToUtc("tomorrow", "UTC")).toBeNull();
    expect(wallTimeToUtc("2027-01-01T09:00", "Mars/Olympus_Mons")).toBeNull();
  });
});
