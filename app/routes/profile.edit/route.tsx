// Editing one's own profile. The member edited is always the signed-in one: no id is read from the URL or form.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormError } from "~/components/form";
import { AboutFields, BasicsFields, ContactFields, PhotoField, PracticeFields, PROFILE_SECTIONS, profileErrors, submittedProfileValues } from "~/components/profile-form";
import { PHOTO_MAX_LABEL } from "~/services/photos.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { formLists, formValuesFromRecord, handleProfileForm, requireOwnRecord } from "./profile-form.server";

export const meta: MetaFunction = () => [{ title: "Edit my profile · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const record = await requireOwnRecord(request);
  return { id: record.user.id, values: formValuesFromRecord(record), ...formLists(), photoMax: PHOTO_MAX_LABEL };
}

export async function action({ request }: ActionFunctionArgs) {
  const record = await requireOwnRecord(request);
  const result = await handleProfileForm({ request, record, sections: PROFILE_SECTIONS, withPhoto: true });
  if (!result.ok) return data({ result: result.result, admissionRows: result.admissionRows }, { status: result.status });
  return redirectWithFlash(`/people/${record.user.id}`, { kind: "success", message: "Your profile is saved." });
}

export default function EditProfile() {
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const sent = actionData?.result;
  const values = { ...submittedProfileValues(loaded.values, sent?.initialValue, PROFILE_SECTIONS), admissionRows: actionData?.admissionRows };
  const errors = profileErrors(sent?.error);
  const count = Object.keys(errors).length;
  return (
    <div className="narrow">
      <div className="page-head">
        <h1>Edit my profile</h1>
        <p className="muted">
          Who sees each detail is up to you: <Link to="/profile/settings">privacy and notification settings</Link>.
        </p>
      </div>
      <FormError message={count ? `Please correct the ${count === 1 ? "field" : `${count} fields`} marked below.` : null} />
      <Form method="post" encType="multipart/form-data" className="stack" noValidate>
          {/* Enter in a field saves: the form's first submit button is its default, and later ones ("Add another
              jurisdiction") must not take that role. */}
          <button type="submit" className="visually-hidden" tabIndex={-1} aria-hidden="true">
            Save
          </button>
        <section className="card" aria-labelledby="s-basics">
          <h2 id="s-basics">About you</h2>
          <PhotoField values={values} errors={errors} maxLabel={loaded.photoMax} />
          <BasicsFields values={values} errors={errors} />
        </section>
        <section className="card" aria-labelledby="s-practice">
          <h2 id="s-practice">Practice</h2>
          <PracticeFields values={values} errors={errors} areaChoices={loaded.areaChoices} jurisdictionChoices={loaded.jurisdictionChoices} />
        </section>
        <section className="card" aria-labelledby="s-about">
          <h2 id="s-about">Bio and links</h2>
          <AboutFields values={values} errors={errors} />
        </section>
        <section className="card" aria-labelledby="s-contact">
          <h2 id="s-contact">Contact</h2>
          <ContactFields values={values} errors={errors} />
        </section>
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? "Saving…" : "Save profile"}
          </button>
          <Link to={`/people/${loaded.id}`} className="button button--secondary">
            Cancel
          </Link>
        </div>
      </Form>
    </div>
  );
}
