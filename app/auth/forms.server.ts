// Shared input rules for account forms.
import { z } from "zod";

/** One line of plain text: control characters (they could reach mail headers) and runs of spaces become one space. */
export const singleLine = (s: string) => s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").replace(/\s+/g, " ").trim();

/** A display name: printable, no control characters, 1..120 characters. */
export const PersonNameSchema = z
  .string()
  .transform(singleLine)
  .pipe(z.string().min(1, "Enter your name.").max(120, "Use at most 120 characters."));

export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Enter an email address.")
  .max(254, "That address is too long.")
  .pipe(z.email("Enter a valid email address, like name@firm.com."));

/** Turns zod issues into { field: message } (first message per field). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of error.issues) {
    const k = String(i.path[0] ?? "form");
    out[k] ??= i.message;
  }
  return out;
}

export function formString(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
}
