/**
 * Checks every action's raw input before its schema sees it: no text may hold a NUL
 * character or a lone surrogate (PostgreSQL cannot store either in text, so it would fail
 * half-way instead of being refused), and no input nests deeper or holds more values than any form of the app
 * sends. Returns the problem, or null.
 */
export const MAX_INPUT_DEPTH = 8;
export const MAX_INPUT_VALUES = 20_000;

export function inputShapeProblem(input: unknown): string | null {
  let values = 0;
  const visit = (value: unknown, depth: number): string | null => {
    if (++values > MAX_INPUT_VALUES) return "The request holds too many values.";
    if (typeof value === "string") {
      if (value.includes("\u0000")) return "Text cannot contain NUL characters.";
      // Half of a surrogate pair (pasted from a broken source) cannot be stored as UTF-8.
      return value.isWellFormed()
        ? null
        : "Text holds a broken character (half of a surrogate pair); retype or paste it again.";
    }
    if (value === null || typeof value !== "object") return null;
    if (depth >= MAX_INPUT_DEPTH) return "The request is nested too deeply.";
    const children = Array.isArray(value) ? value : Object.entries(value).flat();
    for (const child of children) {
      const problem = visit(child, depth + 1);
      if (problem) return problem;
    }
    return null;
  };
  return visit(input, 0);
}
