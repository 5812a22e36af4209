// The one list of item kinds and their visibility handlers (COMMUNITY-DESIGN.md). A feature adds one line here.
import type { ItemKind, KindHandler } from "./items.server";
import { commentKind, postKind, profileKind, seminarKind, wikiKind } from "./content-kinds.server";
import { messageKind } from "./messages.server";

export const KIND_HANDLERS: Partial<Record<ItemKind, KindHandler>> = {
  post: postKind,
  comment: commentKind,
  wiki: wikiKind,
  profile: profileKind,
  seminar: seminarKind,
  message: messageKind,
};
