/**
 * The first few items of a list for a message, and how many more there are: `a, b, c (+12)`.
 * `empty` stands for a list with nothing in it.
 */
export function someOf(items: Iterable<string>, max: number, empty: string): string {
  const all = [...items];
  if (all.length === 0) return empty;
  const shown = all.slice(0, max).join(', ');
  return all.length > max ? `${shown} (+${all.length - max})` : shown;
}
