// Issue #20: staff decide where members may add documents to the library: the seminars whose members contribute.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireAdmin } from "~/auth/guards.server";
import { SeminarChoiceForm } from "~/components/seminar-choice-form";
import { listContributorSeminars, seminarsNotContributing, setSeminarContributes } from "~/models/library-access.server";
import { redirectWithFlash } from "~/utils/flash.server";

export const meta: MetaFunction = () => [{ title: "Who adds to the library · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { allowed: listContributorSeminars(), choices: seminarsNotContributing() };
}

const ActionSchema = z.object({
  intent: z.enum(["allow", "stop"]),
  seminarId: z.coerce.number({ error: "Choose a seminar." }).int().positive("Choose a seminar."),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const submission = parseWithZod(await request.formData(), { schema: ActionSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { intent, seminarId } = submission.value;
  if (!setSeminarContributes({ seminarId, allowed: intent === "allow", actorId: user.id })) {
    return data({ result: submission.reply({ fieldErrors: { seminarId: ["Choose a seminar."] } }) }, { status: 400 });
  }
  return redirectWithFlash("/library/contributors", {
    kind: "success",
    message: intent === "allow" ? "Members of that seminar may now add documents to the library." : "Members of that seminar no longer add documents.",
  });
}

export default function LibraryContributors() {
  const { allowed, choices } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const error = (actionData?.result.error as Record<string, string[] | null> | undefined)?.seminarId?.[0];
  return (
    <div className="narrow-wide stack">
      <p>
        <Link to="/library">← Library</Link>
      </p>
      <h1>Who adds to the library</h1>
      <p>
        Staff and instructors always add documents. Here you choose the seminars whose members may add documents too (and
        new versions of the documents they added). Their documents show in the library at once, like everyone's.
      </p>
      <section aria-labelledby="allowed-title" className="stack">
        <h2 id="allowed-title">Seminars whose members contribute</h2>
        {allowed.length ? (
          <ul className="plain-list stack">
            {allowed.map((s) => (
              <li key={s.id}>
                {s.title}{" "}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="stop" />
                  <input type="hidden" name="seminarId" value={s.id} />
                  <button type="submit" className="link-button">
                    {`Stop contributions from ${s.title}`}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">None yet: only staff and instructors add documents.</p>
        )}
      </section>
      {choices.length ? (
        <SeminarChoiceForm
          intent="allow"
          id="contrib-seminar"
          label="Let the members of this seminar add documents"
          choices={choices}
          error={error}
          submitLabel="Allow"
        />
      ) : null}
    </div>
  );
}
