import { Link, useSearchParams } from "@remix-run/react";

/** "Older …" link for keyset-paged admin lists: keeps the current filters and sets the cursor parameter. */
export function NextPageLink({ param, value, children }: { param: string; value: string | number | null | undefined; children: React.ReactNode }) {
  const [params] = useSearchParams();
  if (value === null || value === undefined || value === "") return null;
  const next = new URLSearchParams(params);
  next.set(param, String(value));
  return (
    <p>
      <Link to={`?${next.toString()}`}>{children}</Link>
    </p>
  );
}
