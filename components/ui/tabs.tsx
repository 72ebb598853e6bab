"use client";

import { useId, useRef, useState } from "react";
import { cx } from "./cx";

/** WAI-ARIA tabs: arrow keys move between tabs, each panel is labelled by its tab. */
export function Tabs({ tabs }: { tabs: Array<{ label: string; content: React.ReactNode }> }) {
  const [current, setCurrent] = useState(0);
  const base = useId();
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  function onKeyDown(event: React.KeyboardEvent) {
    const delta = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!delta) return;
    event.preventDefault();
    const next = (current + delta + tabs.length) % tabs.length;
    setCurrent(next);
    refs.current[next]?.focus();
  }
  return (
    <div>
      <div
        role="tablist"
        className="mb-4 flex gap-1 border-b border-slate-200"
        onKeyDown={onKeyDown}
      >
        {tabs.map((tab, i) => (
          <button
            key={tab.label}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${i}`}
            aria-selected={i === current}
            aria-controls={`${base}-panel-${i}`}
            tabIndex={i === current ? 0 : -1}
            onClick={() => setCurrent(i)}
            className={cx(
              "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
              i === current
                ? "border-brand-600 text-brand-800"
                : "border-transparent text-slate-600 hover:text-slate-900",
            )}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab, i) => (
        <div
          key={tab.label}
          role="tabpanel"
          id={`${base}-panel-${i}`}
          aria-labelledby={`${base}-tab-${i}`}
          hidden={i !== current}
          tabIndex={0}
        >
          {tab.content}
        </div>
      ))}
    </div>
  );
}
