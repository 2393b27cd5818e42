// Keys typed at full speed after the first one that starts an edit reach the cell before the editor has mounted
// and taken the focus: the grid would drop them (`mgz` became `mz`). They are kept here and the editor starts with
// them, after the key that opened it.
let pending: string[] = [];

/** An Enter typed in that moment: the editor ends the edit once it has the keys before it. */
export const ENTER = '\n';

/** Whether a key press is a character being typed (not a shortcut or a movement). */
export const isTyped = (event: KeyboardEvent) => event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey;

export function keepTyped(key: string): void {
  pending.push(key);
}

/** The keys kept since the edit began, handed over once; `enter` when an Enter came after them. */
export function takeTyped(): { keys: string; enter: boolean } {
  const typed = pending.join('');
  pending = [];
  const at = typed.indexOf(ENTER);
  return at < 0 ? { keys: typed, enter: false } : { keys: typed.slice(0, at), enter: true };
}

/** A new edit starts with no keys of an earlier one. */
export function dropTyped(): void {
  pending = [];
}
