import { Form, Link } from "@remix-run/react";

/** The gentle nudge on the home page until the member finishes (or snoozes) setting up their profile. */
export function ProfileReminder({ reminder }: { reminder: { percent: number; missing: string[] } | null }) {
  if (!reminder) return null;
  const missing = reminder.missing.slice(0, 3).join(", ");
  return (
    <aside className="card profile-reminder" aria-labelledby="profile-reminder-title">
      <h2 id="profile-reminder-title">Finish setting up your profile</h2>
      <p>
        Your profile is {reminder.percent}% complete{missing ? `; you could add ${missing}` : ""}. Instructors use it to tailor their seminars,
        and fellow members to find you.
      </p>
      <div className="actions">
        <Link to="/onboarding" className="button">
          Continue set-up
        </Link>
        <Form method="post" action="/onboarding?intent=snooze">
          <button type="submit" className="button--secondary">
            Remind me later
          </button>
        </Form>
      </div>
    </aside>
  );
}
