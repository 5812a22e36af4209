// Readable differences between two texts (wiki revisions, edit conflicts): a line diff, with changed lines paired
// up and diffed word by word. Uses jsdiff (`diff`), bounded by a timeout so a huge rewrite cannot stall the server.
import { diffLines, diffWordsWithSpace } from "diff";

export interface DiffSegment {
  text: string;
  change?: "add" | "del";
}

export type DiffRow =
  | { kind: "same"; oldNo: number; newNo: number; segments: DiffSegment[] }
  | { kind: "del"; oldNo: number; segments: DiffSegment[] }
  | { kind: "add"; newNo: number; segments: DiffSegment[] }
  | { kind: "skip"; lines: number };

export interface TextDiff {
  rows: DiffRow[];
  added: number;
  removed: number;
  /** True when the texts are identical. */
  same: boolean;
  /** True when the diff was too costly and a whole-text replacement is shown instead. */
  coarse: boolean;
}

const CONTEXT = 3;
/** Word-diff a pair of changed lines only when they are of a sane size. */
const MAX_WORD_DIFF_CHARS = 2000;

function splitLines(value: string): string[] {
  const lines = value.split("\n");
  if (lines.length && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

function wordDiff(oldLine: string, newLine: string): { del: DiffSegment[]; add: DiffSegment[] } {
  if (oldLine.length + newLine.length > MAX_WORD_DIFF_CHARS) {
    return { del: [{ text: oldLine, change: "del" }], add: [{ text: newLine, change: "add" }] };
  }
  const parts = diffWordsWithSpace(oldLine, newLine);
  const del: DiffSegment[] = [];
  const add: DiffSegment[] = [];
  for (const p of parts) {
    if (p.added) add.push({ text: p.value, change: "add" });
    else if (p.removed) del.push({ text: p.value, change: "del" });
    else {
      del.push({ text: p.value });
      add.push({ text: p.value });
    }
  }
  return { del, add };
}

/** The difference from `before` to `after`, unchanged stretches folded to a few lines of context. */
export function diffTexts(before: string, after: string): TextDiff {
  const a = before.replace(/\r\n?/g, "\n");
  const b = after.replace(/\r\n?/g, "\n");
  if (a === b) return { rows: [], added: 0, removed: 0, same: true, coarse: false };
  let parts = diffLines(a.endsWith("\n") ? a : `${a}\n`, b.endsWith("\n") ? b : `${b}\n`, { timeout: 250 });
  let coarse = false;
  if (!parts) {
    coarse = true;
    parts = [
      { value: a, removed: true, added: false, count: splitLines(a).length },
      { value: b, removed: false, added: true, count: splitLines(b).length },
    ];
  }

  const full: Exclude<DiffRow, { kind: "skip" }>[] = [];
  let oldNo = 0;
  let newNo = 0;
  let added = 0;
  let removed = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const lines = splitLines(part.value);
    if (part.removed) {
      const next = parts[i + 1];
      const addedLines = next?.added ? splitLines(next.value) : [];
      removed += lines.length;
      added += addedLines.length;
      // Pair removed and added lines so a small change in a long line shows as a word change (for edits of a
      // reasonable size; a rewritten block reads better as whole lines).
      const pairs = coarse || Math.max(lines.length, addedLines.length) > 200 ? 0 : Math.min(lines.length, addedLines.length);
      const dels: DiffRow[] = [];
      const adds: DiffRow[] = [];
      for (let k = 0; k < lines.length; k++) {
        if (k < pairs) {
          const w = wordDiff(lines[k]!, addedLines[k]!);
          dels.push({ kind: "del", oldNo: ++oldNo, segments: w.del });
        } else dels.push({ kind: "del", oldNo: ++oldNo, segments: [{ text: lines[k]!, change: "del" }] });
      }
      for (let k = 0; k < addedLines.length; k++) {
        if (k < pairs) {
          const w = wordDiff(lines[k]!, addedLines[k]!);
          adds.push({ kind: "add", newNo: ++newNo, segments: w.add });
        } else adds.push({ kind: "add", newNo: ++newNo, segments: [{ text: addedLines[k]!, change: "add" }] });
      }
      full.push(...(dels as typeof full), ...(adds as typeof full));
      if (next?.added) i++;
    } else if (part.added) {
      added += lines.length;
      for (const l of lines) full.push({ kind: "add", newNo: ++newNo, segments: [{ text: l, change: "add" }] });
    } else {
      for (const l of lines) full.push({ kind: "same", oldNo: ++oldNo, newNo: ++newNo, segments: [{ text: l }] });
    }
  }

  // Fold unchanged runs, keeping CONTEXT lines next to each change.
  const keep = full.map(() => false);
  full.forEach((row, idx) => {
    if (row.kind === "same") return;
    for (let k = Math.max(0, idx - CONTEXT); k <= Math.min(full.length - 1, idx + CONTEXT); k++) keep[k] = true;
  });
  const rows: DiffRow[] = [];
  let skipped = 0;
  full.forEach((row, idx) => {
    if (keep[idx]) {
      if (skipped) rows.push({ kind: "skip", lines: skipped });
      skipped = 0;
      rows.push(row);
    } else skipped++;
  });
  if (skipped) rows.push({ kind: "skip", lines: skipped });
  return { rows, added, removed, same: false, coarse };
}
