"use server";

import { z } from "zod";
import QRCode from "qrcode";
import { runAction } from "@/lib/actions";
import {
  confirmEnrolment,
  regenerateRecoveryCodes,
  startEnrolment,
  turnOffTwoFactor,
} from "@/lib/data/two-factor";
import { appCodeInput } from "@/lib/validation/auth";

/** The QR code as one SVG path of its dark modules (drawn by the page, no markup passed). */
function qrPath(text: string): { size: number; path: string } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  let path = "";
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) path += `M${col} ${row}h1v1h-1z`;
    }
  }
  return { size: modules.size, path };
}

export async function startTwoFactorAction(input: unknown) {
  return runAction(
    "REVIEWER",
    z.strictObject({}),
    input,
    async (user) => {
      const { secret, uri } = await startEnrolment(user);
      return { secret, qr: qrPath(uri) };
    },
    { duringEnrolment: true },
  );
}

export async function confirmTwoFactorAction(input: unknown) {
  return runAction("REVIEWER", appCodeInput, input, confirmEnrolment, { duringEnrolment: true });
}

export async function newRecoveryCodesAction(input: unknown) {
  return runAction("REVIEWER", appCodeInput, input, regenerateRecoveryCodes);
}

export async function turnOffTwoFactorAction(input: unknown) {
  return runAction("REVIEWER", appCodeInput, input, turnOffTwoFactor);
}
