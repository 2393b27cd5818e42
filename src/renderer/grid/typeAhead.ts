import { useEffect, useState } from 'react';

// A vocabulary editor is a popup that mounts, takes the focus, and on Enter closes again; keys typed at full speed
// in those moments would reach no one — the cell before the editor has the focus (`mgz` became `mz`), the editor or
// the page while it closes (the arrows after `2 Enter` were dropped). They are held here, in the order typed: the
// editor starts with the characters typed ahead of it (and ends at an Enter typed after them); what follows is
// handed to the grid, key by key, once the editor has closed and a cell has the focus again.

/** A key held back: what is needed to type it again. */
export interface HeldKey {
  key: string;
  code: string;
  shiftKey: boolean;
}

let held: HeldKey[] = [];
/** Set while an editor is closing: from then on every key waits for the grid (see holdWhileClosing). */
let closing = false;
/** The editor being closed: the focus still in it is not yet the grid's. */
let closingFrom: Element | null = null;
/** Counts releases: a later one (another editor closing) takes over from an earlier one still waiting. */
let releases = 0;
/** Gives up waiting for the grid's focus after this many frames (the clerk clicked elsewhere): the keys are dropped. */
const FRAMES = 60;

/** Whether a key press is a character being typed (not a shortcut or a movement). */
export const isTyped = (event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>) => event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey;

/** Keys that are not typed by themselves (a modifier on its way to a shortcut; an input method's own key). */
const modifiers = new Set(['Shift', 'Control', 'Alt', 'Meta', 'CapsLock', 'Process', 'Unidentified']);

/** Whether a key would be held: a character or a movement typed alone, not a shortcut. */
export const isHeld = (event: KeyboardEvent) => !modifiers.has(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey;

export function holdKey(event: KeyboardEvent): void {
  event.preventDefault();
  event.stopPropagation();
  held.push({ key: event.key, code: event.code, shiftKey: event.shiftKey });
}

/** A new edit starts with no keys of an earlier one. */
export function dropTyped(): void {
  if (!closing) held = [];
}

/** The characters held at the front, taken; the key after them (if any) stays first. */
function takeCharacters(): string {
  let count = 0;
  while (count < held.length && held[count]!.key.length === 1) count++;
  const keys = held.slice(0, count).map((k) => k.key).join('');
  held = held.slice(count);
  return keys;
}

/**
 * The characters held for a vocabulary editor that is starting, handed over once; `end` when a key other than a
 * character came after them (an Enter is taken with them, an arrow or a Tab stays held for the grid): the edit then
 * ends, as a cell in Excel ends when the clerk moves on.
 */
export function takeTyped(): { keys: string; end: boolean } {
  const keys = takeCharacters();
  const next = held[0];
  if (next?.key === 'Enter') held.shift();
  if (next) closing = true;
  return { keys, end: !!next };
}

/**
 * Hands the held keys to the grid's own text editor, which just took the focus: the characters typed into it, then
 * the key after them pressed in it (Enter ends the edit and moves down, Tab moves on) — the rest waits for the grid.
 */
export function typeHeldInto(input: HTMLElement): void {
  const keys = takeCharacters();
  if (keys) document.execCommand('insertText', false, keys);
  const next = held.shift();
  if (!next) return;
  holdWhileClosing(input);
  input.dispatchEvent(new KeyboardEvent('keydown', { ...next, bubbles: true, cancelable: true }));
}

/** The editor `from` is closing (Enter, Tab, Esc in it): keys typed from now on wait until the grid has the focus. */
export function holdWhileClosing(from: Element | null = null): void {
  closing = true;
  closingFrom = from;
  release();
}

// While an editor closes, keys go wherever the focus happens to be (the editor's input, the page): they are taken
// first, on the document.
document.addEventListener(
  'keydown',
  (event) => {
    if (closing && event.isTrusted && isHeld(event)) {
      holdKey(event);
      event.stopImmediatePropagation();
    }
  },
  true,
);

/**
 * Where the held keys go once the editor has closed: the element of the grid that has the focus (a cell, or the
 * text editor of the next cell when Tab moved on editing); null while the focus is nowhere yet, still in the editor
 * being closed, or in a vocabulary editor (which takes its keys itself).
 */
function gridFocus(): HTMLElement | null {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement) || !active.isConnected || closingFrom?.contains(active) || active.closest('.vocab-editor')) return null;
  return active.closest('.ag-root-wrapper, .ag-popup') ? active : null;
}

/** Types a held key again: into a text field that has the focus, else as a key press on the focused element. */
function typeAgain(key: HeldKey): void {
  const active = document.activeElement;
  if (key.key.length === 1 && active instanceof HTMLElement && ['INPUT', 'TEXTAREA'].includes(active.tagName)) {
    document.execCommand('insertText', false, key.key);
    return;
  }
  (active ?? document.body).dispatchEvent(new KeyboardEvent('keydown', { ...key, bubbles: true, cancelable: true }));
}

/**
 * After an editor has closed: once the grid has the focus again, the held keys are typed there in order (an arrow
 * moves, a character starts the next edit, whose editor holds what comes after it in turn).
 */
function release(): void {
  const mine = ++releases;
  const attempt = (frames: number) => {
    if (mine !== releases) return;
    if (!gridFocus() && frames > 0) {
      requestAnimationFrame(() => attempt(frames - 1));
      return;
    }
    const keys = gridFocus() ? held : [];
    held = [];
    closing = false;
    closingFrom = null;
    for (const key of keys) typeAgain(key);
  };
  // Not before the next frame: the editor is being taken down, and the grid puts the focus back after that.
  requestAnimationFrame(() => attempt(FRAMES));
}

/**
 * The start of a vocabulary editor: the text to begin with (the key that opened it and those typed ahead of it), an
 * `onFocus` that takes the keys typed while it was taking the focus, and the end of the edit when a key other than
 * a character came after them — on a later turn, once the editor has set the value. When it closes, the keys held
 * meanwhile go to the grid.
 */
export function useTypedAhead(eventKey: string | null | undefined, stopEditing: () => void) {
  const startsWithKey = !!eventKey && eventKey.length === 1;
  const [ahead] = useState(() => (startsWithKey ? takeTyped() : { keys: '', end: false }));
  const [finishing, setFinishing] = useState(false);
  useEffect(() => {
    if (!finishing) return;
    const timer = setTimeout(stopEditing, 0);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [finishing]);
  useEffect(() => () => release(), []);
  return {
    startsWithKey,
    first: startsWithKey ? eventKey + ahead.keys : null,
    onFocus(append: (keys: string) => void) {
      const more = ahead.end ? { keys: '', end: true } : takeTyped();
      if (more.keys) append(more.keys);
      if (more.end) setFinishing(true);
    },
  };
}
