// Instructors and admins manage who belongs to the seminar, and (after it ends) whether discussions stay open.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { requireSeminarRole } from "~/auth/guards.server";
import { Field, FormError } from "~/components/form";
import { MemberLink } from "~/components/member-link";
import {
  addExistingMember,
  changeMemberRole,
  listSeminarMembers,
  removeMember,
  setDiscussionsReadOnly,
} from "~/models/membership.server";
import { memberNames, profilesFor } from "~/models/profile.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { errorsOf, formErrorOf, formResult, valuesOf } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Manage the seminar · Colloquy" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { seminar, user, phase } = await requireSeminarRole(request, params.slug, "instructor");
  const page = Math.min(Math.max(Number(new URL(request.url).searchParams.get("page")) || 1, 1), 10_000);
  const { members, hasMore, total } = listSeminarMembers({ seminarId: seminar.id, page });
  const ids = members.map((m) => m.userId);
  const names = memberNames(ids);
  const visible = profilesFor(user, ids, { ignoreDirectoryOptOut: true });
  return {
    slug: seminar.slug,
    phase,
    readOnly: seminar.discussionsReadOnly,
    viewerId: user.id,
    isAdmin: user.role === "admin",
    page,
    hasMore,
    total,
    members: members.map((m) => ({
      id: m.userId,
      member: names.get(m.userId) ?? { id: m.userId, name: m.name },
      email: visible.get(m.userId)?.email ?? null,
      role: m.role,
      inactive: m.status !== "active",
    })),
  };
}

/** The manage page's forms, told apart by `intent`. */
// The roles spelled here, not imported from the membership model: a .server module is empty in the browser.
const SEMINAR_ROLES = ["instructor", "attendee"] as const;
const ActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("add"),
    email: z
      .string({ error: "Enter the member's email address." })
      .trim()
      .min(1, "Enter the member's email address.")
      .max(254)
      .email("Enter a valid email address."),
    role: z.enum(SEMINAR_ROLES, { error: "Choose a role." }),
  }),
  z.object({ intent: z.literal("role"), userId: z.coerce.number().int().positive(), role: z.enum(SEMINAR_ROLES) }),
  z.object({ intent: z.literal("remove"), userId: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("read-only"), readOnly: z.enum(["on", "off"]) }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { seminar, user, phase } = await requireSeminarRole(request, params.slug, "instructor");
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: ActionSchema });
  const here = `/s/${seminar.slug}/manage`;
  // The add form shows its field errors beside its fields; the row buttons' refusals are one message above the page.
  const refuse = (message: string) => data({ form: "page", result: submission.reply({ formErrors: [message] }) }, { status: 400 });
  if (submission.status !== "success") {
    if (formData.get("intent") === "add") return data({ form: "add", result: submission.reply() }, { status: 400 });
    return refuse("That request was not understood.");
  }
  const input = submission.value;
  const isAdmin = user.role === "admin";
  if ((input.intent === "role" || input.intent === "remove") && input.userId === user.id && !isAdmin) {
    return refuse("You cannot change your own place in the seminar. Ask an administrator.");
  }
  switch (input.intent) {
    case "add": {
      const result = addExistingMember({ seminarId: seminar.id, email: input.email, role: input.role, actorId: user.id });
      if (!result.ok) return data({ form: "add", result: submission.reply({ fieldErrors: { [result.field]: [result.error] } }) }, { status: 400 });
      return redirectWithFlash(here, { kind: "success", message: result.message });
    }
    case "role": {
      if (!changeMemberRole({ seminarId: seminar.id, userId: input.userId, role: input.role, actorId: user.id })) {
        throw new Response("Not Found", { status: 404, statusText: "Not Found" });
      }
      return redirectWithFlash(here, { kind: "success", message: "The role was changed." });
    }
    case "remove": {
      if (!removeMember({ seminarId: seminar.id, userId: input.userId, actorId: user.id })) {
        throw new Response("Not Found", { status: 404, statusText: "Not Found" });
      }
      return redirectWithFlash(here, { kind: "success", message: "The member was removed from the seminar." });
    }
    case "read-only": {
      if (phase !== "alumni") return refuse("Discussions can be made read-only once the seminar has ended.");
      setDiscussionsReadOnly({ seminarId: seminar.id, readOnly: input.readOnly === "on" });
      return redirectWithFlash(here, {
        kind: "success",
        message: input.readOnly === "on" ? "Discussions are now read-only." : "Discussions are open again.",
      });
    }
  }
}

export default function Manage() {
  const { slug, phase, readOnly, viewerId, isAdmin, members, page, hasMore, total } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors = errorsOf(formResult(actionData, "add"));
  const values: Record<string, string | undefined> = valuesOf(formResult(actionData, "add"));
  return (
    <div className="stack">
      <h1>Manage the seminar</h1>
      <FormError message={formErrorOf(formResult(actionData, "page"))} />
      <section className="card" aria-labelledby="add-title">
        <h2 id="add-title">Add a member</h2>
        <p className="muted">For people who already have an account. Newcomers need an invitation.</p>
        <Form method="post" noValidate className="add-member-form">
          <input type="hidden" name="intent" value="add" />
          <Field label="Email address" name="email" type="email" required defaultValue={values.email ?? ""} error={errors.email} />
          <div className="field">
            <label htmlFor="add-role">Role</label>
            <select id="add-role" name="role" defaultValue={values.role ?? "attendee"}>
              <option value="attendee">Attendee</option>
              <option value="instructor">Instructor</option>
            </select>
          </div>
          <button type="submit">Add to the seminar</button>
        </Form>
      </section>
      <section aria-labelledby="members-title">
        <h2 id="members-title">Members ({total})</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Remove</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => {
                const locked = m.id === viewerId && !isAdmin;
                return (
                  <tr key={m.id}>
                    <td>
                      <MemberLink member={m.member} />
                      {m.email ? <div className="muted">{m.email}</div> : null}
                      {m.inactive ? <div className="muted">Account inactive</div> : null}
                    </td>
                    <td>
                      {locked ? (
                        m.role === "instructor" ? "Instructor (you)" : "Attendee (you)"
                      ) : (
                        <Form method="post" className="role-form">
                          <input type="hidden" name="intent" value="role" />
                          <input type="hidden" name="userId" value={m.id} />
                          <label className="visually-hidden" htmlFor={`role-${m.id}`}>
                            Role of {m.member.name}
                          </label>
                          <select id={`role-${m.id}`} name="role" defaultValue={m.role}>
                            <option value="attendee">Attendee</option>
                            <option value="instructor">Instructor</option>
                          </select>
                          <button type="submit" className="button--secondary">
                            Change<span className="visually-hidden"> role of {m.member.name}</span>
                          </button>
                        </Form>
                      )}
                    </td>
                    <td>
                      {locked ? null : (
                        <details className="confirm">
                          <summary>
                            Remove…<span className="visually-hidden"> {m.member.name}</span>
                          </summary>
                          <Form method="post">
                            <input type="hidden" name="intent" value="remove" />
                            <input type="hidden" name="userId" value={m.id} />
                            <p>{m.member.name} loses access to this seminar at once.</p>
                            <button type="submit" className="button--danger">
                              Remove {m.member.name}
                            </button>
                          </Form>
                        </details>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <nav aria-label="Member pages" className="actions">
          {page > 1 ? <Link to={`?${new URLSearchParams({ ...Object.fromEntries(params), page: String(page - 1) })}`}>← Previous</Link> : null}
          {hasMore ? <Link to={`?${new URLSearchParams({ ...Object.fromEntries(params), page: String(page + 1) })}`}>Next →</Link> : null}
        </nav>
      </section>
      <section className="card" aria-labelledby="discussions-title">
        <h2 id="discussions-title">Discussions after the seminar</h2>
        {phase === "alumni" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="read-only" />
            <input type="hidden" name="readOnly" value={readOnly ? "off" : "on"} />
            <p>{readOnly ? "Discussions are read-only: everything stays readable, nobody can add to it." : "Discussions are open: alumni can still post and comment."}</p>
            <button type="submit" className="button--secondary">
              {readOnly ? "Open discussions again" : "Make discussions read-only"}
            </button>
          </Form>
        ) : (
          <p className="muted">Once the seminar has ended you can make its discussions read-only here. Everything stays available.</p>
        )}
      </section>
      <p>
        <Link to={`/s/${slug}`}>← Back to the seminar</Link>
      </p>
    </div>
  );
}
