"use client";

import { useTranslations } from "next-intl";
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
  const t = useTranslations("Shortcuts");
  return (
    <Dialog open={open} title={t("title")} onClose={onClose}>
      <ShortcutList shortcuts={shortcuts} />
    </Dialog>
  );
}
