import { credentialsInput } from "@/lib/validation/auth";
import { findUserByEmail } from "@/lib/data/users";
import {
  clearFailures,
  lockedForSeconds,
  recordFailure,
  throttleKeys,
} from "@/lib/data/login-throttle";
import { requestLog } from "@/lib/request-log";
import { checkSecondFactor } from "@/lib/data/two-factor";
import { timingDummyHash, verifyPassword } from "./password";
import type { Role } from "@/lib/domain/roles";

export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  sessionVersion: number;
}

/** Thrown when too many failures were counted; the login page says when to retry. */
export class LoginThrottledError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`RATE_LIMITED:${retryAfterSeconds}`);
    this.name = "LoginThrottledError";
  }
}

/**
 * Thrown when the password was right and the account has a second factor: the login page
 * asks for the code and sends the three together. Nothing is counted against the throttle.
 */
export class SecondFactorNeededError extends Error {
  constructor() {
    super("SECOND_FACTOR_REQUIRED");
    this.name = "SecondFactorNeededError";
  }
}

/** The code typed at the second step was wrong (counted like a wrong password). */
export class SecondFactorRefusedError extends Error {
  constructor() {
    super("SECOND_FACTOR_REFUSED");
    this.name = "SecondFactorRefusedError";
  }
}

/**
 * Checks an email and password, and the second factor when the account has one. Returns null
 * for every kind of refusal of the password (unknown email, wrong password, disabled account,
 * malformed input) so that none can be told apart; throws SecondFactorNeededError or
 * SecondFactorRefusedError at the second step; and throws LoginThrottledError while this
 * account from this address, this address, or the account as a whole is locked
 * (lib/data/login-throttle.ts has the policy).
 */
export async function authorizeCredentials(
  raw: unknown,
  ip: string | null,
): Promise<AuthenticatedUser | null> {
  const parsed = credentialsInput.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password, code } = parsed.data;
  const keys = throttleKeys(email, ip);

  const wait = await lockedForSeconds(keys);
  if (wait > 0) throw new LoginThrottledError(wait);

  const user = await findUserByEmail(email);
  const ok = await verifyPassword(user?.passwordHash ?? (await timingDummyHash()), password);
  if (!user || !ok || user.disabledAt) {
    await countFailure(keys, email);
    return null;
  }
  if (user.totpEnabledAt) {
    if (!code) throw new SecondFactorNeededError();
    if ((await checkSecondFactor(user, code)) !== "ok") {
      await countFailure(keys, email);
      throw new SecondFactorRefusedError();
    }
  }
  await clearFailures(keys[0]!);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    sessionVersion: user.sessionVersion,
  };
}

/** One failed attempt (a wrong password or a wrong second factor) against every counter. */
async function countFailure(keys: string[], email: string): Promise<void> {
  for (const { key, failures } of await recordFailure(keys)) {
    if (key.startsWith("account:")) {
      // Not one person mistyping: someone is guessing this account's password from many
      // addresses. The account is locked for a while; whoever runs the desk should know.
      (await requestLog()).error(
        { alert: "login-ceiling", account: email, failures },
        "sign-in: an account reached its ceiling of failures from all addresses and is locked",
      );
    }
  }
}
