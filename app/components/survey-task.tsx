// The "answer the survey" task on the micro-site home (issue #8). Shown until the attendee has answered.
import { Link } from "@remix-run/react";
import { dateTimeFormat } from "~/utils/intl";

export function SurveyTaskCard({
  task,
  timeZone,
}: {
  task: { href: string; title: string; closesAt: string } | null;
  timeZone: string;
}) {
  if (!task) return null;
  const closes = dateTimeFormat("en-US", { timeZone, dateStyle: "medium" }).format(new Date(task.closesAt));
  return (
    <section className="card survey-task stack" aria-labelledby="survey-task-title">
      <h2 id="survey-task-title">Your feedback, please</h2>
      <p>
        {task.title} is open until {closes}. It takes about five minutes.
      </p>
      <p>
        <Link className="button" to={task.href}>
          Answer the survey
        </Link>
      </p>
    </section>
  );
}
