// Text in any script for PDFs (issue 17): certificates must show names in Latin, Chinese, Hebrew, Arabic and more.
// No single font covers them all, so each character is drawn with the first Noto face (shipped by the @fontsource
// packages, read from node_modules at run time) whose unicode-range covers it, and runs are put in visual order with
// the Unicode Bidirectional Algorithm (bidi-js); fontkit shapes each run (Arabic joining, right-to-left glyph order).
import bidiFactory from "bidi-js";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type PDFDocument from "pdfkit";

type Doc = InstanceType<typeof PDFDocument>;
interface Face {
  file: string;
  ranges: [number, number][];
}

const PACKAGES = ["@fontsource/noto-sans", "@fontsource/noto-sans-hebrew", "@fontsource/noto-sans-arabic", "@fontsource/noto-sans-sc"];

let faces: { regular: Face[]; bold: Face[] } | null = null;

function parseFaces(pkgDir: string, weight: number): Face[] {
  const css = fs.readFileSync(path.join(pkgDir, `${weight}.css`), "utf8");
  const out: Face[] = [];
  for (const block of css.split("@font-face").slice(1)) {
    const file = /url\(\.\/files\/([^)]+\.woff)\)/.exec(block)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
    if (!file || !range) continue;
    const ranges = range.split(",").map((r): [number, number] => {
      const [a, b] = r.trim().replace(/^U\+/i, "").split("-");
      return [parseInt(a, 16), parseInt(b ?? a, 16)];
    });
    out.push({ file: path.join(pkgDir, "files", file), ranges });
  }
  return out;
}

function loadFaces() {
  if (faces) return faces;
  const require = createRequire(import.meta.url);
  const dirs = PACKAGES.map((p) => path.dirname(require.resolve(`${p}/package.json`)));
  faces = { regular: dirs.flatMap((d) => parseFaces(d, 400)), bold: dirs.flatMap((d) => parseFaces(d, 700)) };
  return faces;
}

const covers = (f: Face, cp: number) => f.ranges.some(([a, b]) => cp >= a && cp <= b);

function faceFor(list: Face[], cp: number, previous: Face | null): Face {
  if (previous && covers(previous, cp)) return previous;
  return list.find((f) => covers(f, cp)) ?? list[0];
}

let bidi: ReturnType<typeof bidiFactory> | null = null;

interface Run {
  text: string;
  face: Face;
  level: number;
}

/** Logical runs of one line, each drawn with one face at one embedding level, in visual (left-to-right) order. */
export function visualRuns(text: string, bold = false): Run[] {
  const list = bold ? loadFaces().bold : loadFaces().regular;
  bidi ??= bidiFactory();
  const { levels } = bidi.getEmbeddingLevels(text);
  const runs: Run[] = [];
  let previous: Face | null = null;
  let i = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const face = faceFor(list, cp, previous);
    previous = face;
    const level = levels[i];
    const last = runs[runs.length - 1];
    if (last && last.face === face && last.level === level) last.text += ch;
    else runs.push({ text: ch, face, level });
    i += ch.length;
  }
  // Rule L2: from the highest level down to the lowest odd one, reverse every sequence of runs at that level or above.
  const max = Math.max(0, ...runs.map((r) => r.level));
  const minOdd = runs.reduce((m, r) => (r.level % 2 === 1 ? Math.min(m, r.level) : m), Infinity);
  for (let lvl = max; lvl >= minOdd && lvl > 0; lvl--) {
    for (let s = 0; s < runs.length; ) {
      if (runs[s].level < lvl) {
        s++;
        continue;
      }
      let e = s;
      while (e < runs.length && runs[e].level >= lvl) e++;
      runs.splice(s, e - s, ...runs.slice(s, e).reverse());
      s = e;
    }
  }
  return runs;
}

function useFace(doc: Doc, face: Face) {
  // pdfkit caches a registered font by name and embeds only the glyphs used.
  doc.font(face.file);
}

export function widthOf(doc: Doc, text: string, size: number, bold = false): number {
  let w = 0;
  for (const r of visualRuns(text, bold)) {
    useFace(doc, r.face);
    w += doc.fontSize(size).widthOfString(r.text);
  }
  return w;
}

/** Draws one line of text at (x, y); `align` positions it inside `width`. Returns the line's height. */
export function drawLine(
  doc: Doc,
  text: string,
  opts: { x: number; y: number; size: number; width?: number; align?: "left" | "center" | "right"; bold?: boolean; color?: string },
): number {
  const runs = visualRuns(text, opts.bold);
  const total = widthOf(doc, text, opts.size, opts.bold);
  let x = opts.x;
  if (opts.width && opts.align === "center") x += Math.max(0, (opts.width - total) / 2);
  if (opts.width && opts.align === "right") x += Math.max(0, opts.width - total);
  doc.fillColor(opts.color ?? "#111111");
  for (const r of runs) {
    useFace(doc, r.face);
    doc.fontSize(opts.size);
    const w = doc.widthOfString(r.text);
    doc.text(r.text, x, opts.y, { lineBreak: false });
    x += w;
  }
  return opts.size * 1.35;
}
