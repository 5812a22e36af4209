// Bulk invitations from CSV (email,name,role): a preview that names every bad row, then a durable job that
// creates the invitations in slices, committing its progress with each slice.
import { parse as parseCsvText } from "csv-parse/sync";
import { z } from "zod";
import { writeTransaction } from "~/models/db.server";
import { createInvitation, inviteeProblem, type SeminarRole } from "~/models/invitation.server";
import { normalizeEmail } from "~/models/user.server";
import { enqueueJob, type JobHandler, type JobRow } from "./jobs.server";
import { SINGLE_ADDRESS } from "./mail.server";

export const MAX_BULK_ROWS = 5000;
const SLICE = 20;

/**
 * RFC 4180 CSV (quoted fields, doubled quotes, CRLF, LF or CR line ends, a leading BOM) read by csv-parse. A quote
 * inside an unquoted field is kept as text; rows may have any number of cells. Throws on CSV that cannot be read
 * (a quote never closed), with csv-parse's message naming the line.
 */
export function parseCsv(input: string): string[][] {
  return parseCsvText(input, {
    bom: true,
    relax_quotes: true,
    relax_column_count: true,
    // Any mix of line ends, as the old reader took (a file pasted together from two systems).
    record_delimiter: ["\r\n", "\n", "\r"],
  }) as string[][];
}

export interface PreviewRow {
  line: number;
  email: string;
  name: string;
  role: SeminarRole;
  problem: string | null;
}

const EmailSchema = z.email();
const NameSchema = z.string().max(120);

/** Checks every row; the caller shows the preview and sends only rows without a problem. */
export function previewBulk({
  csv,
  seminarId,
  allowInstructors,
}: {
  csv: string;
  seminarId: number | null;
  allowInstructors: boolean;
}): { rows: PreviewRow[]; tooMany: boolean; error?: string } {
  let parsed: string[][];
  try {
    parsed = parseCsv(csv);
  } catch (e) {
    return { rows: [], tooMany: false, error: `The CSV could not be read: ${e instanceof Error ? e.message : String(e)}` };
  }
  const all = parsed.filter((r) => r.some((f) => f.trim() !== ""));
  let start = 0;
  if (all[0] && all[0][0]?.trim().toLowerCase() === "email") start = 1;
  const data = all.slice(start, start + MAX_BULK_ROWS);
  const seen = new Map<string, number>();
  const rows: PreviewRow[] = [];
  data.forEach((cells, i) => {
    const line = i + start + 1;
    const rawEmail = (cells[0] ?? "").trim();
    const name = (cells[1] ?? "").trim().replace(/[\u0000-\u001f\u007f]+/g, " ");
    const rawRole = (cells[2] ?? "").trim().toLowerCase();
    const email = normalizeEmail(rawEmail);
    let problem: string | null = null;
    const role: SeminarRole = rawRole === "instructor" ? "instructor" : "attendee";
    if (!rawEmail) problem = "no email address";
    else if (!EmailSchema.safeParse(email).success || !SINGLE_ADDRESS.test(email)) problem = "not a valid email address";
    else if (!NameSchema.safeParse(name).success) problem = "name is longer than 120 characters";
    else if (rawRole && !["attendee", "instructor", "member"].includes(rawRole)) problem = `unknown role “${rawRole.slice(0, 30)}” (use attendee or instructor)`;
    else if (role === "instructor" && !seminarId) problem = "instructor needs a seminar";
    else if (role === "instructor" && !allowInstructors) problem = "only staff can invite instructors";
    else if (seen.has(email)) problem = `duplicate of line ${seen.get(email)}`;
    if (!problem) {
      const p = writeTransaction((tx) => inviteeProblem(tx, { email, seminarId }));
      if (p) problem = p;
    }
    if (!seen.has(email) && email) seen.set(email, line);
    rows.push({ line, email: email || rawEmail.slice(0, 254), name, role, problem });
  });
  return { rows, tooMany: all.length - start > MAX_BULK_ROWS };
}

interface BulkPayload {
  rows: { email: string; name: string; role: SeminarRole }[];
  seminarId: number | null;
  message: string;
  expiresAt: number;
  invitedById: number;
}

export function startBulkInvitations(payload: BulkPayload): number {
  return writeTransaction((tx) => enqueueJob(tx, { kind: "bulk-invite", payload, total: payload.rows.length }));
}

/** The "bulk-invite" job (listed in services/tasks.server.ts). */
export const bulkInviteJob: JobHandler = async (job: JobRow, ctx) => {
  const p = JSON.parse(job.payload) as BulkPayload;
  for (let i = job.progress; i < p.rows.length; i += SLICE) {
    const slice = p.rows.slice(i, i + SLICE);
    // Each slice and its progress commit together: after a crash the job resumes at the first unsent row.
    writeTransaction((tx) => {
      for (const r of slice) {
        // Someone may have joined or been invited since the preview; skip them quietly.
        if (inviteeProblem(tx, { email: r.email, seminarId: p.seminarId })) continue;
        createInvitation(tx, {
          email: r.email,
          name: r.name || null,
          seminarId: p.seminarId,
          seminarRole: p.seminarId ? r.role : null,
          message: p.message,
          expiresAt: new Date(p.expiresAt),
          invitedById: p.invitedById,
          batchId: job.id,
        });
      }
      ctx.setProgress(tx, Math.min(p.rows.length, i + slice.length));
    });
    // Let the server answer requests between slices.
    await new Promise((r) => setImmediate(r));
  }
};
