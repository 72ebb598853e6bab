"use client";

import { useEffect, useRef } from "react";

/**
 * Handlers by key ("j", "?", "Enter", or "Mod+s" for Ctrl/Cmd+S, which works in fields
 * too); each gets the event and the element it came from.
 */
export type Shortcuts = Record<string, (event: KeyboardEvent, target: HTMLElement) => void>;

/**
 * Keyboard shortcuts of a page, registered once: the listener reads the latest handlers
 * from a ref, so a re-render never adds or removes it. Keys typed into a field, with a
 * modifier, or inside an open dialog are left alone.
 */
export function useShortcuts(shortcuts: Shortcuts): void {
  const latest = useRef(shortcuts);
  useEffect(() => {
    latest.current = shortcuts;
  });
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement;
      if ((event.metaKey || event.ctrlKey) && !event.altKey) {
        latest.current[`Mod+${event.key.toLowerCase()}`]?.(event, target);
        return;
      }
      if (event.altKey) return;
      if (target.closest("input, textarea, select, dialog[open]")) return;
      latest.current[event.key]?.(event, target);
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
