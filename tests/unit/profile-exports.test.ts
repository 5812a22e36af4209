// vCard and CSV building blocks (issue #4): escaping, folding, spreadsheet-formula defusing.
import { describe, expect, it } from "vitest";
import { csvCell, rosterCsv } from "~/services/roster-csv.server";
import { vEscape, vcardFor } from "~/services/vcard.server";
import { foldLine as fold } from "~/utils/text-formats";

describe("vCard", () => {
  it("escapes separators and newlines and folds long lines without splitting characters", () => {
    expect(vEscape("Smith, Jones; Partners\\LLP\nNew York")).toBe("Smith\\, Jones\\; Partners\\\\LLP\\nNew York");
    const long = `NOTE:${"é".repeat(60)}`;
    const folded = fold(long);
    for (const line of folded.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, "")).toBe(long);
  });

  it("holds only the fields it was given", () => {
    const { body, fileName } = vcardFor({ id: 7, name: "Zoë d'Arc", relation: "member", firm: "Arc, Ltd." }, "https://colloquy.example");
    expect(body.startsWith("BEGIN:VCARD\r\nVERSION:3.0\r\n")).toBe(true);
    expect(body).toContain("FN:Zoë d'Arc\r\n");
    expect(body).toContain("ORG:Arc\\, Ltd.\r\n");
    expect(body).not.toMatch(/^(EMAIL|TEL|NOTE)/m);
    expect(body.endsWith("END:VCARD\r\n")).toBe(true);
    expect(fileName).toBe("Zoë-dArc.vcf");
  });
});

describe("roster CSV", () => {
  it("quotes when needed and defuses formulas", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('He said "hi", then left')).toBe('"He said ""hi"", then left"');
    expect(csvCell("=HYPERLINK(\"http://evil\")")).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvCell("+1 212 555 0100")).toBe("'+1 212 555 0100");
    expect(csvCell(undefined)).toBe("");
  });

  it("starts with a BOM, uses CRLF, and leaves hidden values as empty cells", () => {
    const csv = rosterCsv([{ role: "attendee", joinedAt: "2026-11-27T10:00:00.000Z", profile: { id: 1, name: "Ana Ruiz", relation: "instructor" } }]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const [header, row] = csv.slice(1).split("\r\n");
    expect(header!.split(",")).toHaveLength(18);
    expect(row).toBe("Ana Ruiz,,,,,,,,,,,,,,,,,2026-11-27");
  });
});
