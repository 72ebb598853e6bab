/**
 * The keyboard shortcuts of each page: its help dialog (?) and the Help page list them.
 * Each is its keys (any of them does it) and the key of what it does in the interface's
 * messages (Shortcuts namespace).
 */
export type Shortcuts = ReadonlyArray<readonly [keys: readonly string[], what: ShortcutAction]>;

export type ShortcutAction = "nextPrevious" | "open" | "select" | "take" | "help" | "save" | "edit";

export const QUEUE_SHORTCUTS: Shortcuts = [
  [["j / k"], "nextPrevious"],
  [["Enter", "e"], "open"],
  [["x"], "select"],
  [["t"], "take"],
  [["?"], "help"],
];

export const REVIEW_SHORTCUTS: Shortcuts = [
  [["s", "Ctrl+S"], "save"],
  [["e"], "edit"],
  [["?"], "help"],
];
