// Issue #20: the library's and bookmarks' fixed choices, shared by the schema, the models and the pages (the pages
// run in the browser too, so these cannot live in a .server module).
export const LIBRARY_KINDS = ["statute", "opinion", "form", "checklist", "practice-note", "other"] as const;
export type LibraryKind = (typeof LIBRARY_KINDS)[number];

export const KIND_LABELS: Record<LibraryKind, string> = {
  statute: "Statute or regulation",
  opinion: "Court opinion",
  form: "Form or template",
  checklist: "Checklist",
  "practice-note": "Practice note",
  other: "Other",
};

export const BOOKMARK_VISIBILITIES = ["private", "seminar", "network"] as const;
export type BookmarkVisibility = (typeof BOOKMARK_VISIBILITIES)[number];

export const VISIBILITY_LABELS: Record<BookmarkVisibility, string> = {
  private: "Only me",
  seminar: "One of my seminars",
  network: "Everyone in the network",
};
