import { Form, Link, useNavigation } from "@remix-run/react";
import { Field, FormError, TextArea } from "./form";
import { RichText } from "./rich-text";

export interface PostFormValues {
  title: string;
  body: string;
  tags: string;
}

/** A refused button choice (a tampered "intent") has no field of its own: it shows as the form's message. */
export function withIntentError(errors: Record<string, string | undefined>) {
  return { ...errors, form: errors.form ?? errors.intent };
}

/** The editor's text as a refused or previewed submission sent it (`valuesOf(result)`). */
export function postValues(sent: Record<string, string>): PostFormValues {
  return { title: sent.title ?? "", body: sent.body ?? "", tags: sent.tags ?? "" };
}

/** The post editor (new and edit): title, markdown text, tags; save as draft, publish, or preview. */
export function PostForm({
  values,
  errors,
  preview,
  published,
  cancelTo,
  bodyMax,
}: {
  values: PostFormValues;
  errors: Partial<Record<"title" | "body" | "tags" | "form", string>>;
  preview?: string;
  published: boolean;
  cancelTo: string;
  bodyMax: number;
}) {
  const nav = useNavigation();
  const busy = nav.state === "submitting";
  return (
    <>
      <FormError message={errors.form} />
      <Form method="post" className="card editor">
        <Field label="Title" name="title" defaultValue={values.title} error={errors.title} required maxLength={160} />
        <TextArea
          label="Text"
          name="body"
          defaultValue={values.body}
          error={errors.body}
          rows={16}
          hint={`Markdown: **bold**, _italic_, # headings, - lists, [links](https://example.org), tables. At most ${bodyMax.toLocaleString("en-US")} characters.`}
        />
        <Field label="Tags" name="tags" defaultValue={values.tags} error={errors.tags} hint="Separate tags with commas, e.g. gdpr, breach response" />
        <div className="actions">
          <button type="submit" name="intent" value="publish" disabled={busy}>
            {published ? "Save changes" : "Publish"}
          </button>
          {!published ? (
            <button type="submit" name="intent" value="draft" className="button--secondary" disabled={busy}>
              Save as draft
            </button>
          ) : null}
          <button type="submit" name="intent" value="preview" className="button--secondary" disabled={busy}>
            Preview
          </button>
          <Link to={cancelTo}>Cancel</Link>
        </div>
      </Form>
      {preview !== undefined ? (
        <section className="preview card" aria-labelledby="preview-title">
          <h2 id="preview-title">Preview (not saved yet)</h2>
          <RichText html={preview} />
        </section>
      ) : null}
    </>
  );
}
