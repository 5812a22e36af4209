// The one list of item kinds and their visibility handlers (COMMUNITY-DESIGN.md). A feature adds one line here.
// Built on first use, not at import: feature models import notify(), which imports this list, which imports them
// back; reading the handlers lazily keeps that cycle harmless.
import type { ItemKind, KindHandler } from "./items.server";
import { certificateKind } from "./certificates.server";
import { commentKind, postKind, profileKind, seminarKind, wikiKind } from "./content-kinds.server";
import { jobKind, referralKind } from "./careers-kinds.server";
import { enrolmentKind } from "./enrolment.server";
import { answerKind, questionKind } from "./question-kinds.server";
import { documentKind } from "./library.server";
import { bookmarkKind } from "./bookmarks.server";
import { messageKind } from "./messages.server";
import { invitationKind } from "./member-invitation-events.server";

let handlers: Partial<Record<ItemKind, KindHandler>> | null = null;

export function kindHandlers(): Partial<Record<ItemKind, KindHandler>> {
  handlers ??= {
    post: postKind,
    comment: commentKind,
    wiki: wikiKind,
    profile: profileKind,
    seminar: seminarKind,
    enrolment: enrolmentKind,
    job: jobKind,
    referral: referralKind,
    question: questionKind,
    answer: answerKind,
    document: documentKind,
    bookmark: bookmarkKind,
    certificate: certificateKind,
    message: messageKind,
    invitation: invitationKind,
  };
  return handlers;
}
