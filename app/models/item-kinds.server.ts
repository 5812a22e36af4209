// TEMPORARY SHIM (untracked)
import type { KindHandler } from "./items.server";
import { documentKind } from "./library.server";
import { bookmarkKind } from "./bookmarks.server";
export const KIND_HANDLERS: Partial<Record<string, KindHandler>> = { document: documentKind, bookmark: bookmarkKind };
