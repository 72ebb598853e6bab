import "server-only";
import { revalidatePath } from "next/cache";
import { forbidden } from "next/navigation";
import type { z } from "zod";
import { requireRole, requireSignedIn } from "@/lib/auth/session";
import { asBusy } from "@/lib/data/busy";
import { publicPagesChanged } from "@/lib/data/public-pages";
import type { SessionUser } from "@/lib/data/users";
import { hasRole, type Role } from "@/lib/domain/roles";
import { AppError, toActionError, type ActionResult } from "@/lib/errors";
import { errorSummary, fieldErrors } from "@/lib/validation/field-errors";
import { inputShapeProblem } from "@/lib/validation/input-shape";
import { requestLog } from "@/lib/request-log";

/**
 * The one shape of every server action: require the role (redirects to /login without a
 * session) → refuse NUL characters and absurd nesting → parse the input with its schema →
 * do the work (one transaction in lib/data, with its audit event) → refresh what the
 * browser has cached (and the public pages' cache, for an action that changes them). Refusals come back as one message plus field errors, never as a
 * thrown error; each is logged with the request id (failures with their stack). A
 * database too busy to take the change in time is the BUSY refusal ("nothing was saved;
 * try again"), never an unexpected failure.
 */
export async function runAction<S extends z.ZodType, T>(
  role: Role,
  schema: S,
  input: unknown,
  work: (user: SessionUser, data: z.infer<S>) => Promise<T>,
  {
    publicPages,
    duringEnrolment,
  }: {
    /**
     * The action is one of the two-factor setup's, open to a person who must still enrol
     * (every other action sends them to the setup).
     */
    duringEnrolment?: true;
    /**
     * The action changes what the public sees: the public lists (true), or the lists and
     * the fact-check page of the claim this returns the id of (a function of the input).
     */
    publicPages?: true | ((input: z.infer<S>) => string);
  } = {},
): Promise<ActionResult<T>> {
  const user = duringEnrolment ? await requireSignedIn() : await requireRole(role);
  if (!hasRole(user.role, role)) forbidden();
  try {
    const shapeProblem = inputShapeProblem(input);
    if (shapeProblem) throw new AppError("VALIDATION", shapeProblem);
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error);
      throw new AppError("VALIDATION", errorSummary(errors), errors);
    }
    const data = await work(user, parsed.data);
    // Every page is rendered per request; this drops the client's cached copies of them.
    revalidatePath("/", "layout");
    // An action that changes what the public sees expires the public pages' cached reads.
    if (publicPages) {
      await publicPagesChanged(publicPages === true ? undefined : publicPages(parsed.data));
    }
    return { ok: true, data };
  } catch (thrown) {
    // A database that could not take the change in time is a refusal to retry, not a failure.
    const error = asBusy(thrown);
    const logger = await requestLog();
    if (error instanceof AppError && error.code === "BUSY") {
      logger.warn({ userId: user.id, err: thrown }, "action refused: the database is busy");
    } else if (error instanceof AppError) {
      logger.info({ userId: user.id, code: error.code }, `action refused: ${error.message}`);
    } else {
      logger.error({ err: error, userId: user.id }, "action failed");
    }
    return toActionError(error);
  }
}

/** For runAction's `publicPages`: the claim an action's input names, whose page changed. */
export const claimOf = (input: { claimId: string }) => input.claimId;
