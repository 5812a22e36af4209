// The staff's filter over self-reported credits (page and CSV read the same query string). Client-safe: no server
// imports. A value that does not fit is ignored rather than refused: these are links staff share and bookmark.
import { z } from "zod";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)))
  .optional()
  .catch(undefined);

export const ReportedFilterSchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined).transform((v) => v || undefined),
  jurisdiction: z.coerce.number().int().positive().optional().catch(undefined),
  from: day,
  to: day,
  before: z.coerce.number().int().positive().optional().catch(undefined),
});
