import { dateTimeFormat } from "~/utils/intl";

/** A time shown in the seminar's time zone, with the machine-readable instant in <time>. */
export function When({ iso, timeZone, withTime = true }: { iso: string; timeZone: string; withTime?: boolean }) {
  const fmt = dateTimeFormat("en-US", withTime ? { timeZone, dateStyle: "medium", timeStyle: "short" } : { timeZone, dateStyle: "medium" });
  return <time dateTime={iso}>{fmt.format(new Date(iso))}</time>;
}
