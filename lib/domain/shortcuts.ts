/** The keyboard shortcuts of each page: its help dialog (?) and the Help page list them. */
export type Shortcuts = ReadonlyArray<readonly [keys: string, what: string]>;

export const QUEUE_SHORTCUTS: Shortcuts = [
  ["j / k", "Next / previous claim"],
  ["Enter or e", "Open the claim to edit it"],
  ["x", "Select or unselect the claim"],
  ["t", "Take the claim (if new, or if it waits for a second reviewer)"],
  ["?", "Show these shortcuts"],
];

export const REVIEW_SHORTCUTS: Shortcuts = [
  ["s  or  Ctrl+S", "Save"],
  ["e", "Edit: jump to the first field"],
  ["?", "Show these shortcuts"],
];
