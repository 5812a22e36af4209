// Shared input rules for account forms.
import { z } from "zod";
import { passwordProblem } from "./password.server";

/** One line of plain text: control characters (they could reach mail headers) and runs of spaces become one space. */
export const singleLine = (s: string) => s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").replace(/\s+/g, " ").trim();

/** A display name: printable, no control characters, 1..120 characters. */
export const PersonNameSchema = z
  .string({ error: "Enter your name." })
  .transform(singleLine)
  .pipe(z.string().min(1, "Enter your name.").max(120, "Use at most 120 characters."));

// The string's own message covers a field left empty (conform hands the schema `undefined` for it).
export const EmailSchema = z
  .string({ error: "Enter an email address." })
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

const optionalText = z.string().optional().default("");

/**
 * A new password (checked against the account's own address and name) and its repetition, `password` + `confirm`.
 * With `current`, the form also asks for the current password, which the new one must differ from.
 */
export function NewPasswordSchema(account: { email: string; name?: string }, { current = false } = {}) {
  return z
    .object({ current: optionalText, password: optionalText, confirm: optionalText })
    .superRefine((v, ctx) => {
      if (current && !v.current) ctx.addIssue({ code: "custom", path: ["current"], message: "Enter your current password." });
      const problem = passwordProblem(v.password, account);
      if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
      else if (v.password !== v.confirm) ctx.addIssue({ code: "custom", path: ["confirm"], message: "The two passwords don't match." });
      else if (current && v.password === v.current) {
        ctx.addIssue({ code: "custom", path: ["password"], message: "Choose a password different from the current one." });
      }
    });
}

/** Password fields are never sent back into a page. */
export const PASSWORD_FIELDS = ["current", "password", "confirm"];
