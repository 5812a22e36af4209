// Issue #17: the certificate of attendance and the member's transcript as PDFs (pdfkit). Every line of text goes
// through pdf-text.server.ts, so names in any script render; the QR code is drawn as vector squares from the
// `qrcode` package's matrix, so it stays sharp at any zoom and scans from paper.
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import type { CertificateStatement } from "~/models/certificates.server";
import { formatCredits } from "~/utils/credits";
import { dateTimeFormat } from "~/utils/intl";
import { drawLine } from "./pdf-text.server";

type Doc = InstanceType<typeof PDFDocument>;

function collect(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
}

const day = (iso: string, timeZone: string) =>
  dateTimeFormat("en-US", { dateStyle: "long", timeZone }).format(new Date(iso));
const dayTime = (iso: string, timeZone: string) =>
  dateTimeFormat("en-US", { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZone, timeZoneName: "short" }).format(new Date(iso));

function drawQr(doc: Doc, text: string, x: number, y: number, size: number) {
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
  const n = qr.modules.size;
  const quiet = 4;
  const cell = size / (n + quiet * 2);
  doc.rect(x, y, size, size).fill("#ffffff");
  doc.fillColor("#000000");
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (qr.modules.get(r, c)) doc.rect(x + (c + quiet) * cell, y + (r + quiet) * cell, cell + 0.05, cell + 0.05);
    }
  }
  doc.fill("#000000");
}

export async function certificatePdf(input: {
  statement: CertificateStatement;
  code: string;
  displayCode: string;
  verifyUrl: string;
  issuedAt: Date;
}): Promise<Buffer> {
  const { statement: s } = input;
  const doc = new PDFDocument({
    size: "LETTER",
    margin: 54,
    info: { Title: `Certificate of attendance ${input.displayCode}`, Author: s.institute },
  });
  const done = collect(doc);
  const left = 54;
  const width = doc.page.width - 108;
  const tz = s.seminar.timeZone;
  doc.lineWidth(2).strokeColor("#1f3a5f").rect(30, 30, doc.page.width - 60, doc.page.height - 60).stroke();
  let y = 64;
  y += drawLine(doc, s.institute, { x: left, y, size: 14, width, align: "center", color: "#1f3a5f" });
  y += 8;
  y += drawLine(doc, "Certificate of Attendance", { x: left, y, size: 26, width, align: "center", bold: true });
  y += 10;
  y += drawLine(doc, "This certifies that", { x: left, y, size: 12, width, align: "center", color: "#444444" });
  y += 4;
  y += drawLine(doc, s.member, { x: left, y, size: 22, width, align: "center", bold: true });
  for (const b of s.barNumbers) y += drawLine(doc, `${b.jurisdiction} bar number ${b.number}`, { x: left, y, size: 11, width, align: "center" });
  y += 6;
  y += drawLine(doc, "attended", { x: left, y, size: 12, width, align: "center", color: "#444444" });
  y += drawLine(doc, s.seminar.title, { x: left, y, size: 16, width, align: "center", bold: true });
  const dates = day(s.seminar.startsAt, tz) === day(s.seminar.endsAt, tz) ? day(s.seminar.startsAt, tz) : `${day(s.seminar.startsAt, tz)} – ${day(s.seminar.endsAt, tz)}`;
  y += drawLine(doc, dates, { x: left, y, size: 12, width, align: "center" });
  y += 14;

  y += drawLine(doc, "Sessions", { x: left, y, size: 13, bold: true });
  for (const session of s.sessions) {
    y += drawLine(doc, `${session.title} — ${dayTime(session.startsAt, tz)} (${session.minutes} minutes attended)`, { x: left, y, size: 10.5 });
    for (const c of session.credits) {
      const course = c.courseNumber ? ` · course ${c.courseNumber}` : "";
      y += drawLine(doc, `${c.jurisdiction}: ${formatCredits(c.credits)} ${c.category}${course}`, { x: left + 16, y, size: 10, color: "#333333" });
    }
  }
  y += 8;
  y += drawLine(doc, "Credits earned", { x: left, y, size: 13, bold: true });
  for (const t of s.totals) y += drawLine(doc, `${t.jurisdiction} — ${t.category}: ${formatCredits(t.credits)}`, { x: left + 16, y, size: 11 });

  // Signature block bottom left, QR code and verification code bottom right.
  const bottom = doc.page.height - 60;
  const qrSize = 118;
  drawQr(doc, input.verifyUrl, doc.page.width - 54 - qrSize, bottom - qrSize - 40, qrSize);
  drawLine(doc, `Verification code: ${input.displayCode}`, { x: left, y: bottom - 34, size: 10, width, align: "right" });
  drawLine(doc, input.verifyUrl, { x: left, y: bottom - 20, size: 8, width, align: "right", color: "#444444" });
  doc.moveTo(left, bottom - 62).lineTo(left + 220, bottom - 62).lineWidth(0.8).strokeColor("#333333").stroke();
  drawLine(doc, s.signatory.name, { x: left, y: bottom - 56, size: 11, bold: true });
  drawLine(doc, s.signatory.title, { x: left, y: bottom - 41, size: 10 });
  drawLine(doc, `Issued ${day(input.issuedAt.toISOString(), tz)}`, { x: left, y: bottom - 26, size: 9, color: "#444444" });
  doc.end();
  return done;
}

export interface TranscriptLine {
  date: string;
  seminar: string;
  session: string;
  jurisdiction: string;
  category: string;
  credits: number;
  courseNumber: string;
  source: string;
}

export async function transcriptPdf(input: {
  member: string;
  institute: string;
  generatedAt: Date;
  totals: { jurisdiction: string; period: string; category: string; credits: number }[];
  lines: TranscriptLine[];
  /** One sentence per compliance period the member told us about (how far it is). */
  progress?: string[];
}): Promise<Buffer> {
  const doc = new PDFDocument({ size: "LETTER", margin: 54, info: { Title: `CLE transcript — ${input.member}`, Author: input.institute } });
  const done = collect(doc);
  const left = 54;
  const width = doc.page.width - 108;
  let y = 54;
  const room = (h: number) => {
    if (y + h > doc.page.height - 54) {
      doc.addPage();
      y = 54;
    }
  };
  y += drawLine(doc, input.institute, { x: left, y, size: 12, color: "#1f3a5f" });
  y += drawLine(doc, "CLE transcript", { x: left, y, size: 22, bold: true });
  y += drawLine(doc, input.member, { x: left, y, size: 15, bold: true });
  y += drawLine(doc, `Generated ${dateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" }).format(input.generatedAt)}`, { x: left, y, size: 10, color: "#444444" });
  y += 10;
  if (input.progress?.length) {
    y += drawLine(doc, "Compliance periods", { x: left, y, size: 13, bold: true });
    for (const p of input.progress) {
      room(16);
      y += drawLine(doc, p, { x: left + 12, y, size: 10.5, width });
    }
    y += 10;
  }
  y += drawLine(doc, "Totals by jurisdiction, reporting year and category", { x: left, y, size: 13, bold: true });
  for (const t of input.totals) {
    room(16);
    y += drawLine(doc, `${t.jurisdiction} · ${t.period} · ${t.category}: ${formatCredits(t.credits)}`, { x: left + 12, y, size: 10.5 });
  }
  y += 10;
  room(20);
  y += drawLine(doc, "Credits", { x: left, y, size: 13, bold: true });
  for (const l of input.lines) {
    room(30);
    y += drawLine(doc, `${l.date} · ${l.seminar} — ${l.session}`, { x: left + 12, y, size: 10, width });
    const course = l.courseNumber ? ` · course ${l.courseNumber}` : "";
    y += drawLine(doc, `${l.jurisdiction}: ${formatCredits(l.credits)} ${l.category}${course} (${l.source})`, { x: left + 28, y, size: 9.5, color: "#333333" });
  }
  doc.end();
  return done;
}
