import { parseDocument } from "htmlparser2";
import type { ChildNode } from "domhandler";
import { describe, expect, it } from "vitest";
import { xssPayloads } from "../helpers/fixtures";
import { htmlToText, renderMarkdown, sanitizeForeignHtml, tryRenderMarkdown } from "~/services/markdown.server";

const payloads = xssPayloads();

const FORBIDDEN = new Set(["script", "iframe", "object", "embed", "form", "style", "svg", "math", "base", "meta", "link", "frame", "frameset", "textarea", "button", "select", "template", "noscript", "xmp", "plaintext"]);

/** Parses the output as a browser would and checks every element and attribute. */
function assertHarmless(html: string) {
  const walk = (nodes: ChildNode[]) => {
    for (const node of nodes) {
      if (node.type !== "tag" && node.type !== "script" && node.type !== "style") continue;
      expect(FORBIDDEN.has(node.name.toLowerCase()), `<${node.name}> survived`).toBe(false);
      for (const [name, value] of Object.entries(node.attribs)) {
        expect(name.toLowerCase().startsWith("on"), `${name} survived`).toBe(false);
        expect(name.toLowerCase()).not.toBe("style");
        const compact = value.replace(/[\u0000-\u0020\u007f-\u00a0\u2000-\u200f\u2028\u2029\ufeff]/g, "").toLowerCase();
        expect(compact, `${name}=${value}`).not.toMatch(/^(javascript|vbscript|data|livescript):/);
      }
      walk(node.children);
    }
  };
  walk(parseDocument(html).children);
}

describe("markdown pipeline", () => {
  it("renders GitHub-flavoured markdown", () => {
    const html = renderMarkdown("# Title\n\n**bold** and ~~gone~~\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done");
    expect(html).toContain("<h2>Title</h2>");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<del>gone</del>");
    expect(html).toContain("<table>");
    expect(html).toMatch(/<input[^>]*type="checkbox"[^>]*checked/);
  });

  it.each(payloads.map((p) => [p.title, p.payload]))("renders the XSS payload harmless: %s", (_title, payload) => {
    assertHarmless(renderMarkdown(payload));
    assertHarmless(sanitizeForeignHtml(payload));
  });

  it("hardens outside links and keeps only http, https and mailto", () => {
    const html = renderMarkdown(
      "[site](https://example.org) [mail](mailto:a@example.com) [js](javascript:alert(1)) [data](data:text/html,x) [local](/s/x/wiki)",
      { siteOrigin: "https://colloquy.example" },
    );
    expect(html).toContain('<a href="https://example.org" rel="nofollow ugc noopener noreferrer">site</a>');
    expect(html).toContain('href="mailto:a@example.com"');
    expect(html).not.toMatch(/javascript:|data:/);
    expect(html).toContain('<a href="/s/x/wiki">local</a>');
  });

  it("feed HTML keeps only http and https links", () => {
    const html = sanitizeForeignHtml('<a href="mailto:x@y.z">m</a><a href="https://ok.example/">ok</a><img src="https://t.example/p.gif">');
    expect(html).not.toContain("mailto:");
    expect(html).toContain('href="https://ok.example/"');
    expect(html).not.toContain("t.example");
  });

  it("resolves wiki links and marks missing pages", () => {
    const html = renderMarkdown("See [[Breach response]] and [[Missing page|this]].", {
      wikiLink: (t) => ({ href: `/s/x/wiki/${encodeURIComponent(t)}`, exists: t === "Breach response" }),
    });
    expect(html).toContain('<a class="wikilink" href="/s/x/wiki/Breach%20response">Breach response</a>');
    expect(html).toMatch(/class="wikilink wikilink--missing"[^>]*>this<\/a>/);
  });

  it("refuses pathological input with a message instead of stalling", () => {
    const deep = tryRenderMarkdown(">".repeat(5000) + " hi");
    expect(deep).toEqual({ ok: false, error: "The text is nested too deeply to display." });
    const long = tryRenderMarkdown("a".repeat(300_000));
    expect(long.ok).toBe(false);
    const started = Date.now();
    const table = "|a|b|\n|-|-|\n" + "|x|y|\n".repeat(3000);
    expect(tryRenderMarkdown(table).ok).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("makes short plain-text excerpts", () => {
    expect(htmlToText("<p>Hello <strong>world</strong> &amp; more</p>", 12)).toBe("Hello world…");
  });
});
