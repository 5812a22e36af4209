import Parser from "rss-parser";
import { describe, expect, it } from "vitest";
import { renderAtom, tagUri, xmlEscape } from "~/services/atom.server";
import { diffTexts } from "~/services/diff.server";

describe("readable diffs", () => {
  it("pairs a changed line with its replacement and marks only the changed words", () => {
    const d = diffTexts("Contain the breach.\nCall counsel.\n", "Contain the breach at once.\nCall counsel.\n");
    expect(d).toMatchObject({ added: 1, removed: 1, same: false, coarse: false });
    const del = d.rows.find((r) => r.kind === "del")!;
    const add = d.rows.find((r) => r.kind === "add")!;
    // Nothing was removed from the old line: it is shown whole, with no word struck out.
    expect(del.kind === "del" && del.segments.map((s) => s.text).join("")).toBe("Contain the breach.");
    expect(del.kind === "del" && del.segments.some((s) => s.change)).toBe(false);
    expect(add.kind === "add" && add.segments.filter((s) => s.change === "add").map((s) => s.text)).toEqual([" at once"]);
    expect(add.kind === "add" && add.newNo).toBe(1);
  });

  it("folds long unchanged stretches to three lines of context", () => {
    const before = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join("\n");
    const after = before.replace("line 15", "line fifteen");
    const d = diffTexts(before, after);
    expect(d.rows[0]).toEqual({ kind: "skip", lines: 11 });
    expect(d.rows.at(-1)).toEqual({ kind: "skip", lines: 12 });
    expect(d.rows.filter((r) => r.kind === "same")).toHaveLength(6);
  });

  it("says when texts are identical, and treats Windows line ends as the same text", () => {
    expect(diffTexts("a\r\nb", "a\nb").same).toBe(true);
  });

  it("shows whole lines added and removed, numbered on their side", () => {
    const d = diffTexts("one\ntwo\n", "one\n");
    expect(d.rows).toEqual([
      { kind: "same", oldNo: 1, newNo: 1, segments: [{ text: "one" }] },
      { kind: "del", oldNo: 2, segments: [{ text: "two", change: "del" }] },
    ]);
  });

  it("stays fast on a large rewrite", () => {
    const a = Array.from({ length: 5000 }, (_, i) => `alpha ${i} ${"x".repeat(i % 50)}`).join("\n");
    const b = Array.from({ length: 5000 }, (_, i) => `beta ${i * 7} ${"y".repeat(i % 30)}`).join("\n");
    const t = Date.now();
    const d = diffTexts(a, b);
    expect(Date.now() - t).toBeLessThan(2000);
    expect(d.added).toBe(5000);
    expect(d.removed).toBe(5000);
  });
});

describe("Atom documents", () => {
  it("escape everything and parse in a feed reader", async () => {
    const xml = renderAtom({
      id: tagUri("https://colloquy.example", "seminar-1/blog"),
      title: 'Privacy & "Data" <2027>',
      link: "https://colloquy.example/s/p/blog",
      self: "https://colloquy.example/feeds/tok/blog.atom",
      updated: new Date("2027-01-02T03:04:05Z"),
      entries: [
        {
          id: tagUri("https://colloquy.example", "seminar-1/post-1"),
          title: "A <b>bold</b> claim & more\u0001",
          link: "https://colloquy.example/s/p/blog/1",
          updated: new Date("2027-01-02T03:04:05Z"),
          published: new Date("2027-01-01T00:00:00Z"),
          author: "Ann O'Neil",
          html: "<p>Hello <strong>there</strong> &amp; welcome</p>",
          categories: ["gdpr", "r&d"],
        },
      ],
    });
    expect(xml).not.toContain("\u0001");
    expect(xml).toContain("<id>tag:colloquy.example,2026:seminar-1/blog</id>");
    const feed = await new Parser().parseString(xml);
    expect(feed.title).toBe('Privacy & "Data" <2027>');
    expect(feed.items[0]!.title).toBe("A <b>bold</b> claim & more");
    expect(feed.items[0]!.content).toBe("<p>Hello <strong>there</strong> &amp; welcome</p>");
    expect(feed.items[0]!.author).toBe("Ann O'Neil");
    expect(xml).toContain('<category term="r&amp;d"/>');
    expect(xmlEscape("a&b<c>\"d'")).toBe("a&amp;b&lt;c&gt;&quot;d&apos;");
  });
});
