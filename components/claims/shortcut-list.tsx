import type { Shortcuts } from "@/lib/domain/shortcuts";

/** Keys and what they do, as a definition list. */
export function ShortcutList({ shortcuts }: { shortcuts: Shortcuts }) {
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
      {shortcuts.map(([keys, what]) => (
        <div key={keys} className="contents">
          <dt>
            <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs">
              {keys}
            </kbd>
          </dt>
          <dd className="text-slate-700">{what}</dd>
        </div>
      ))}
    </dl>
  );
}
