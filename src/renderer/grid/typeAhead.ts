import { useEffect, useState } from 'react';

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

/**
 * The start of a vocabulary editor opened by a typed key: the text to begin with (that key and those typed ahead of
 * the editor), an `onFocus` that takes the keys typed while it was taking the focus, and the end of the edit when
 * an Enter was among them — on a later turn, once the editor has set the value.
 */
export function useTypedAhead(eventKey: string | null | undefined, stopEditing: () => void) {
  const startsWithKey = !!eventKey && eventKey.length === 1;
  const [ahead] = useState(() => (startsWithKey ? takeTyped() : { keys: '', enter: false }));
  const [finishing, setFinishing] = useState(false);
  useEffect(() => {
    if (!finishing) return;
    const timer = setTimeout(stopEditing, 0);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [finishing]);
  return {
    startsWithKey,
    first: startsWithKey ? eventKey + ahead.keys : null,
    onFocus(append: (keys: string) => void) {
      const more = takeTyped();
      if (more.keys) append(more.keys);
      if (ahead.enter || more.enter) setFinishing(true);
    },
  };
}
