// Issue #20: a new version of a library document; its followers are told (notify, their "materials" mail choice).
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field } from "~/components/form";
import { UploadField } from "~/components/upload-field";
import { addDocumentVersion, LibraryVersionSchema } from "~/models/library.server";
import { ACCEPT_ATTRIBUTE, ACCEPTED_KINDS, maxUploadBytes, maxUploadLabel } from "~/services/uploads.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { requireDocument, requireLibrarian } from "./library-helpers.server";
import { handleUpload } from "./materials-upload.server";

export const meta: MetaFunction = () => [{ title: "Upload a new version · Colloquy" }];

export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireLibrarian(request);
  const doc = requireDocument(params);
  return {
    document: { id: doc.id, title: doc.title },
    today: new Date().toISOString().slice(0, 10),
    upload: { maxBytes: maxUploadBytes(), maxLabel: maxUploadLabel(), kinds: ACCEPTED_KINDS, accept: ACCEPT_ATTRIBUTE },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireLibrarian(request);
  const doc = requireDocument(params);
  const result = await handleUpload(request, LibraryVersionSchema, (input, file) => {
    addDocumentVersion({ document: doc, actorId: user.id, actorName: user.name, input, file });
    return `/library/${doc.id}`;
  });
  if (!result.ok) return result.response;
  return redirectWithFlash(result.redirectTo, { kind: "success", message: "The new version is in the library. Its followers are told." });
}

export default function NewDocumentVersion() {
  const { document, today, upload } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  const values: Record<string, string | undefined> = actionData?.values ?? {};
  const busy = useNavigation().state === "submitting";
  return (
    <div className="narrow-wide stack">
      <p>
        <Link to={`/library/${document.id}`}>← {document.title}</Link>
      </p>
      <h1>Upload a new version</h1>
      <Form method="post" encType="multipart/form-data" noValidate className="card">
        <Field label="As of" name="asOf" type="date" required defaultValue={values.asOf ?? today} error={errors.asOf} />
        <Field label="What changed" name="note" maxLength={500} defaultValue={values.note ?? ""} error={errors.note} />
        <UploadField label="File" accept={upload.accept} maxBytes={upload.maxBytes} maxLabel={upload.maxLabel} kinds={upload.kinds} error={errors.file} />
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? "Uploading…" : "Upload new version"}
          </button>
        </div>
      </Form>
    </div>
  );
}
