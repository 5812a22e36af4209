// OPML import and export of news sources (issue #7).
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parseOpml, toOpml } from "~/services/opml.server";

describe("OPML", () => {
  it("reads the shipped default list of real legal news feeds", () => {
    const r = parseOpml(fs.readFileSync("content/news/default-sources.opml", "utf8"));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const names = r.value.sources.map((s) => s.name);
    for (const n of ["ABA Journal", "JURIST", "SCOTUSblog", "Above the Law", "Law.com"]) expect(names).toContain(n);
    expect(r.value.sources.every((s) => s.url.startsWith("https://"))).toBe(true);
    expect(r.value.sources.find((s) => s.name === "Privacy & Information Security Law Blog")?.tags).toEqual([
      "privacy",
      "data protection",
      "technology",
    ]);
    expect(r.value.skipped).toBe(0);
  });

  it("takes folder names as tags when a feed has no category, and skips unusable or repeated addresses", () => {
    const r = parseOpml(`<?xml version="1.0"?><opml version="1.0"><body>
      <outline text="New York">
        <outline text="Employment">
          <outline text="NY Employment Blog" xmlUrl="https://ny.example.org/feed" />
        </outline>
        <outline text="Bad" xmlUrl="javascript:alert(1)"/>
        <outline text="Repeat" xmlUrl="https://ny.example.org/feed"/>
      </outline>
      <outline text="Top &amp; level" xmlUrl='https://top.example.org/rss?a=1&amp;b=2' category="/Practice/Tax, /Region/EU"/>
    </body></opml>`);
    expect(r).toEqual({
      ok: true,
      value: {
        sources: [
          { url: "https://ny.example.org/feed", name: "NY Employment Blog", tags: ["new york", "employment"] },
          { url: "https://top.example.org/rss?a=1&b=2", name: "Top & level", tags: ["tax", "eu"] },
        ],
        skipped: 2,
      },
    });
  });

  it("refuses entity declarations and files that are not OPML", () => {
    expect(parseOpml('<!DOCTYPE opml [<!ENTITY x "y">]><opml><body/></opml>')).toEqual({
      ok: false,
      error: "The OPML file declares XML entities, which the portal refuses for safety.",
    });
    expect(parseOpml("<rss></rss>")).toEqual({ ok: false, error: "This is not an OPML file (it has no <opml> element)." });
    expect(parseOpml("<opml><body></body></opml>")).toEqual({ ok: false, error: "The OPML file lists no feeds." });
  });

  it("exports what it imports, with names and tags escaped", () => {
    const sources = [
      { url: "https://a.example.org/feed?x=1&y=2", name: 'The "Quoted" & <Bold> Blog', siteUrl: "https://a.example.org/", tags: ["privacy", "new york"] },
      { url: "https://b.example.org/atom.xml", name: "B", siteUrl: null, tags: [] },
    ];
    const xml = toOpml({ title: "Export", sources });
    expect(xml).not.toContain("<Bold>");
    const back = parseOpml(xml);
    expect(back.ok && back.value.sources).toEqual(sources.map(({ url, name, tags }) => ({ url, name, tags })));
  });

  it("reads only real outline elements: not ones inside comments or CDATA, whatever the markup around them", () => {
    const r = parseOpml(`<opml version="2.0"><body>
      <!-- <outline text="Commented" xmlUrl="https://comment.example.org/feed"/> -->
      <outline text="Data"><![CDATA[<outline text="In CDATA" xmlUrl="https://cdata.example.org/feed"/>]]></outline>
      <OUTLINE TEXT="Shouting" XMLURL="https://caps.example.org/feed"/>
      <outline text="R&#233;gion &#x26; tax &bogus;" xmlUrl="https://num.example.org/feed" title='single "quoted"'/>
      <outline text="Unclosed" xmlUrl="https://unclosed.example.org/feed">
    </body></opml>`);
    expect(r.ok && r.value.sources.map((s) => [s.url, s.name])).toEqual([
      ["https://caps.example.org/feed", "Shouting"],
      ["https://num.example.org/feed", 'single "quoted"'],
      ["https://unclosed.example.org/feed", "Unclosed"],
    ]);
  });
});
