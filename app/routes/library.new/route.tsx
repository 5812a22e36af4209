// Issue #20: staff, instructors and (where staff allow it) members add a document to the library, through the
// materials' safe upload path.
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Field, SelectField, TextArea } from "~/components/form";
import { UploadForm, useUploadReply } from "~/components/upload-form";
import { createDocument, DocumentFormSchema } from "~/models/library.server";
import { KIND_LABELS, LIBRARY_KINDS } from "~/utils/library";
import { redirectWithFlash } from "~/utils/flash.server";
import { requireLibraryContributor } from "../library._index/library-helpers.server";
import { handleUpload, uploadFormData } from "~/services/upload-with-metadata.server";

export const meta: MetaFunction = () => [{ title: "Add a library document · Colloquy" }];

// A refused upload closes the connection rather than drain a body it will not read (see handleUpload).
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireLibraryContributor(request);
  return uploadFormData();
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireLibraryContributor(request);
  const result = await handleUpload(request, DocumentFormSchema, (input, file) => {
    const doc = createDocument({ actorId: user.id, input, file });
    return `/library/${doc.id}`;
  });
  if (!result.ok) return result.response;
  return redirectWithFlash(result.redirectTo, {
    kind: "success",
    message: "The document is in the library. Its text is being read for search and will be findable in a moment.",
  });
}

export default function NewDocument() {
  const { today, upload } = useLoaderData<typeof loader>();
  const { errors, values } = useUploadReply();
  return (
    <div className="narrow-wide stack">
      <p>
        <Link to="/library">← Library</Link>
      </p>
      <h1>Add a library document</h1>
      <UploadForm upload={upload} fileError={errors.file} submitLabel="Add to the library">
        <Field label="Title" name="title" required maxLength={200} defaultValue={values.title ?? ""} error={errors.title} />
        <SelectField
          label="Kind"
          name="kind"
          defaultValue={values.kind ?? "statute"}
          error={errors.kind}
          options={LIBRARY_KINDS.map((k) => [k, KIND_LABELS[k]] as const)}
        />
        <Field label="Jurisdiction" name="jurisdiction" maxLength={100} defaultValue={values.jurisdiction ?? ""} error={errors.jurisdiction} />
        <Field
          label="Practice areas"
          name="areas"
          maxLength={300}
          hint="Separated by commas, e.g. Privacy, Employment."
          defaultValue={values.areas ?? ""}
          error={errors.areas}
        />
        <Field label="Date of the document" name="dated" type="date" required defaultValue={values.dated ?? today} error={errors.dated} />
        <Field label="Source or citation" name="citation" maxLength={300} defaultValue={values.citation ?? ""} error={errors.citation} />
        <TextArea label="Description" name="description" maxLength={2000} defaultValue={values.description ?? ""} error={errors.description} />
        <Field
          label="As of"
          name="asOf"
          type="date"
          required
          hint="The date the content is current as of."
          defaultValue={values.asOf ?? today}
          error={errors.asOf}
        />
      </UploadForm>
    </div>
  );
}
