/**
 * Offset in the article body of a DOM position inside rendered article text: the nearest
 * element above it with data-start (its offset in the body) plus the text between them.
 */
export function bodyOffset(container: HTMLElement, node: Node, offset: number): number | null {
  let element: Node | null = node.nodeType === Node.TEXT_NODE ? node.parentNode : node;
  while (
    element &&
    element !== container &&
    !(element instanceof HTMLElement && element.dataset.start)
  ) {
    element = element.parentNode;
  }
  if (!(element instanceof HTMLElement) || !element.dataset.start) return null;
  const range = document.createRange();
  range.setStart(element, 0);
  range.setEnd(node, offset);
  return Number(element.dataset.start) + range.toString().length;
}

/** The body offsets of the window's selection when it lies inside `root`, else null. */
export function selectionOffsets(root: HTMLElement): { start: number; end: number } | null {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null;
  const start = bodyOffset(root, range.startContainer, range.startOffset);
  const end = bodyOffset(root, range.endContainer, range.endOffset);
  return start === null || end === null || end <= start ? null : { start, end };
}
