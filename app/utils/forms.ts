// The one form pattern (issue #13). An action parses its form with conform and answers with the submission's reply:
//
//   const submission = parseWithZod(await request.formData(), { schema: XSchema });
//   if (submission.status !== "success") return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
//   const r = doTheThing({ ...submission.value });            // models take typed values, never FormData
//   if (!r.ok) return data({ result: submission.reply({ fieldErrors: { email: [r.error] } }) }, { status: 400 });
//   return redirectWithFlash(...);
//
// and the page reads the reply with the helpers below, so every field error sits next to its field (`<Field error>`)
// and the form's own message (`formErrors`) above it. Forms are plain `<Form method="post">`, so they work without
// JavaScript. Conform turns an empty field into `undefined` before the schema sees it: give a required field its
// message for that case too (`z.string({ error: "Enter your name." }).trim().min(1, "Enter your name.")`).
// A page with several forms returns `{ form: "<which>", result }` and reads only its own (`formResult`).
// This module has no server imports: routes and components both use it.
import type { SubmissionResult } from "@conform-to/react";
import { z } from "zod";

export type FormResult = SubmissionResult<string[]>;

/** A model's `{ field: message }` errors as conform's field errors (`submission.reply({ fieldErrors })`). */
export function fieldLists(errors: Record<string, string>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, [v]]));
}

/** The first message for each field of a reply; the form's own message is under "form". */
export function errorsOf(result: FormResult | null | undefined): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, messages] of Object.entries(result?.error ?? {})) {
    const first = messages?.[0];
    if (first) out[key === "" ? "form" : key] ??= first;
  }
  return out;
}

/** The form's own message (`submission.reply({ formErrors: [...] })`), if any. */
export function formErrorOf(result: FormResult | null | undefined): string | undefined {
  return result?.error?.[""]?.[0] ?? undefined;
}

/** What the person typed, as strings, to put back into the fields after a refused submission. */
export function valuesOf(result: FormResult | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(result?.initialValue ?? {})) {
    if (typeof value === "string") out[key] = value;
    else if (Array.isArray(value) && typeof value[0] === "string") out[key] = value[0];
  }
  return out;
}

/** Every value of a multi-valued field (checkboxes, multi-selects) as the person sent it. */
export function valuesListOf(result: FormResult | null | undefined, name: string): string[] | null {
  const v = result?.initialValue?.[name];
  if (v === undefined) return result?.initialValue ? [] : null;
  return [v].flat().filter((x): x is string => typeof x === "string");
}

/** On a page with several forms: the reply only when it belongs to `form`. */
export function formResult(
  actionData: { form?: string; result?: FormResult } | null | undefined,
  form: string,
): FormResult | undefined {
  return actionData?.form === form ? actionData.result : undefined;
}

/**
 * A model's refusal `{ field: message, form?: message }` as the options of `submission.reply(...)`: field messages
 * beside their fields, "form" as the form's own message.
 */
export function replyWith(errors: Partial<Record<string, string>>): { formErrors?: string[]; fieldErrors: Record<string, string[]> } {
  const { form, ...fields } = errors;
  const present = Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => typeof e[1] === "string"));
  return { ...(form ? { formErrors: [form] } : {}), fieldErrors: fieldLists(present) };
}

/** A row's button form (`<input type="hidden" name="id">`): the id of the thing the button acts on. */
export const IdFormSchema = z.object({ id: z.coerce.number().int().positive() });

/** A multi-select arrives as one string, several, or nothing: always a list of the non-empty ones. */
export const manyStrings = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : [v].flat().filter(Boolean)));
