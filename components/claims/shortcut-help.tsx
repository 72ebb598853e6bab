"use client";

import { Dialog } from "@/components/ui/dialog";
import type { Shortcuts } from "@/lib/domain/shortcuts";
import { ShortcutList } from "./shortcut-list";

export function ShortcutHelp({
  open,
  onClose,
  shortcuts,
}: {
  open: boolean;
  onClose: () => void;
  shortcuts: Shortcuts;
}) {
  return (
    <Dialog open={open} title="Keyboard shortcuts" onClose={onClose}>
      <ShortcutList shortcuts={shortcuts} />
    </Dialog>
  );
}
