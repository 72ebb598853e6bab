"use client";

import { useState } from "react";
import { signOut } from "next-auth/react";
import { Button } from "@/components/ui/button";

export function LogoutButton({
  variant = "ghost",
  labels = { idle: "Log out", pending: "Logging out…" },
}: {
  variant?: "ghost" | "primary";
  /** In the interface's language (the shell passes them; the logout page is English). */
  labels?: { idle: string; pending: string };
}) {
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant={variant}
      size="sm"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        await signOut({ callbackUrl: "/login" });
      }}
    >
      {pending ? labels.pending : labels.idle}
    </Button>
  );
}
