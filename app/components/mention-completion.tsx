// Completion for `@name` in a seminar's text areas (issue #15). Typing "@ad" in any body field of the seminar's
// pages offers the members whose names match (from /s/:slug/mentions, which only lists people who may see the
// seminar's content); choosing one inserts `@[Ada Lovelace](/people/12)`. Without JavaScript a hand-typed
// `@Ada Lovelace` still works. Keyboard: ArrowDown from the text moves into the list, Escape closes it.
import { useEffect, useRef, useState } from "react";

interface Person {
  id: number;
  name: string;
}

const TRIGGER = /(?:^|[\s(])@([\p{L}][\p{L}'’-]{0,30}(?: [\p{L}][\p{L}'’-]{0,30})?)$/u;

export function MentionCompletion({ slug }: { slug: string }) {
  const [state, setState] = useState<{ target: HTMLTextAreaElement; query: string; people: Person[]; top: number; left: number } | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const seq = useRef(0);

  useEffect(() => {
    const onInput = (event: Event) => {
      const target = event.target;
      if (!(target instanceof HTMLTextAreaElement) || target.readOnly) return;
      const before = target.value.slice(0, target.selectionStart ?? 0);
      const m = TRIGGER.exec(before);
      if (!m) return setState(null);
      const query = m[1]!;
      const mine = ++seq.current;
      fetch(`/s/${encodeURIComponent(slug)}/mentions?q=${encodeURIComponent(query)}`, { headers: { Accept: "application/json" } })
        .then((r) => (r.ok ? (r.json() as Promise<{ people: Person[] }>) : { people: [] }))
        .then(({ people }) => {
          if (mine !== seq.current) return;
          const box = target.getBoundingClientRect();
          setState(people.length ? { target, query, people, top: box.bottom + window.scrollY, left: box.left + window.scrollX } : null);
        })
        .catch(() => setState(null));
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") setState(null);
      if (event.key === "ArrowDown" && event.target instanceof HTMLTextAreaElement && listRef.current) {
        const first = listRef.current.querySelector("button");
        if (first) {
          event.preventDefault();
          first.focus();
        }
      }
    };
    document.addEventListener("input", onInput);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("input", onInput);
      document.removeEventListener("keydown", onKey);
    };
  }, [slug]);

  if (!state) return null;
  const choose = (p: Person) => {
    const t = state.target;
    const caret = t.selectionStart ?? t.value.length;
    const start = caret - state.query.length - 1;
    const insert = `@[${p.name.replace(/[[\]]/g, "")}](/people/${p.id}) `;
    t.value = t.value.slice(0, start) + insert + t.value.slice(caret);
    const at = start + insert.length;
    t.focus();
    t.setSelectionRange(at, at);
    setState(null);
  };
  return (
    <div className="mention-menu" style={{ position: "absolute", top: state.top, left: state.left, zIndex: 20 }}>
      <p className="visually-hidden" role="status">
        {state.people.length} {state.people.length === 1 ? "person" : "people"} to mention; press the down arrow to choose.
      </p>
      <ul ref={listRef} aria-label="People to mention" className="card" style={{ listStyle: "none", margin: 0, padding: "0.25rem" }}>
        {state.people.map((p, i) => (
          <li key={p.id}>
            <button
              type="button"
              className="button--secondary button--small"
              onClick={() => choose(p)}
              onKeyDown={(e) => {
                const buttons = [...(listRef.current?.querySelectorAll("button") ?? [])];
                if (e.key === "ArrowDown") (buttons[i + 1] ?? buttons[0])?.focus();
                if (e.key === "ArrowUp") (buttons[i - 1] ?? state.target).focus();
                if (e.key === "ArrowDown" || e.key === "ArrowUp") e.preventDefault();
              }}
            >
              {p.name}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
