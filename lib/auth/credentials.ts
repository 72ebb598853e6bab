import { credentialsInput } from "@/lib/validation/auth";
import { findUserByEmail } from "@/lib/data/users";
import {
  clearFailures,
  lockedForSeconds,
  recordFailure,
  throttleKeys,
} from "@/lib/data/login-throttle";
import { requestLog } from "@/lib/request-log";
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
 * Checks an email and password. Returns null for every kind of refusal (unknown email,
 * wrong password, disabled account, malformed input) so that none can be told apart,
 * and throws LoginThrottledError while this account from this address, this address, or
 * the account as a whole is locked (lib/data/login-throttle.ts has the policy).
 */
export async function authorizeCredentials(
  raw: unknown,
  ip: string | null,
): Promise<AuthenticatedUser | null> {
  const parsed = credentialsInput.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const keys = throttleKeys(email, ip);

  const wait = await lockedForSeconds(keys);
  if (wait > 0) throw new LoginThrottledError(wait);

  const user = await findUserByEmail(email);
  const ok = await verifyPassword(user?.passwordHash ?? (await timingDummyHash()), password);
  if (!user || !ok || user.disabledAt) {
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
    return null;
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
