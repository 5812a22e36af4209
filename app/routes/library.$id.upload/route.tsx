// Issue #20: a new version of a library document; its followers are told (notify, their "materials" mail choice).
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/form";
import { UploadForm, useUploadReply } from "~/components/upload-form";
import { addDocumentVersion, LibraryVersionSchema } from "~/models/library.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { requireVersionUploader } from "../library._index/library-helpers.server";
import { handleUpload, uploadFormData } from "~/services/upload-with-metadata.server";

export const meta: MetaFunction = () => [{ title: "Upload a new version · Colloquy" }];

// A refused upload closes the connection rather than drain a body it will not read (see handleUpload).
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { document } = await requireVersionUploader(request, params);
  return { document: { id: document.id, title: document.title }, ...uploadFormData() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, document } = await requireVersionUploader(request, params);
  const result = await handleUpload(request, LibraryVersionSchema, (input, file) => {
    addDocumentVersion({ document, actorId: user.id, actorName: user.name, input, file });
    return `/library/${document.id}`;
  });
  if (!result.ok) return result.response;
  return redirectWithFlash(result.redirectTo, { kind: "success", message: "The new version is in the library. Its followers are told." });
}

export default function NewDocumentVersion() {
  const { document, today, upload } = useLoaderData<typeof loader>();
  const { errors, values } = useUploadReply();
  return (
    <div className="narrow-wide stack">
      <p>
        <Link to={`/library/${document.id}`}>← {document.title}</Link>
      </p>
      <h1>Upload a new version</h1>
      <UploadForm upload={upload} fileError={errors.file} submitLabel="Upload new version">
        <Field label="As of" name="asOf" type="date" required defaultValue={values.asOf ?? today} error={errors.asOf} />
        <Field label="What changed" name="note" maxLength={500} defaultValue={values.note ?? ""} error={errors.note} />
      </UploadForm>
    </div>
  );
}
