// Intl.DateTimeFormat objects are costly to create (tens of microseconds each, more with a time zone) and pages
// format dozens of dates: one formatter per (locale, options) is made once and reused (issue #9).
const cache = new Map<string, Intl.DateTimeFormat>();

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}\u0000${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    // Bounded: options come from code, time zones from a fixed list; this only guards against surprises.
    if (cache.size > 2000) cache.clear();
    cache.set(key, f);
  }
  return f;
}
