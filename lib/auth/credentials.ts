import { credentialsInput } from "@/lib/validation/auth";
import { findUserByEmail } from "@/lib/data/users";
import {
  clearFailures,
  lockedForSeconds,
  recordFailure,
  throttleKeys,
} from "@/lib/data/login-throttle";
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
 * and throws LoginThrottledError while the account or address is locked.
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
    await recordFailure(keys);
    return null;
  }
  await clearFailures(`email:${email}`);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    sessionVersion: user.sessionVersion,
  };
}
