import type { Params } from "@remix-run/react";
import { notFound } from "~/auth/guards.server";

/** The material id from the URL; anything but a plain number is the same 404 as an id from another seminar. */
export function materialIdFrom(params: Params): number {
  const raw = params.materialId;
  if (!raw || !/^\d{1,12}$/.test(raw)) notFound();
  return Number(raw);
}
