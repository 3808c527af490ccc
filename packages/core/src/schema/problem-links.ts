import type { Context } from "../context.ts";
import { badUserInput, type FieldProblem } from "../errors.ts";

type LinkDb = Pick<Context["db"], "plan" | "priority">;

/**
 * Refuses (BAD_USER_INPUT naming the field) a plan or priority of another unit than the
 * problem's: a station's problems serve that station's plan and its community's priorities.
 * Call it after `requireRows` has established that the rows exist in the agency.
 */
export async function assertSameUnit(
  db: LinkDb,
  unitId: string,
  links: { planId?: string | null | undefined; priorityId?: string | null | undefined },
): Promise<void> {
  const problems: FieldProblem[] = [];
  if (links.planId) {
    const plan = await db.plan.findUnique({ where: { id: links.planId }, select: { unitId: true } });
    if (plan?.unitId !== unitId) problems.push({ field: "input.planId", message: "must be a plan of the problem's unit" });
  }
  if (links.priorityId) {
    const priority = await db.priority.findUnique({ where: { id: links.priorityId }, select: { unitId: true } });
    if (priority?.unitId !== unitId)
      problems.push({ field: "input.priorityId", message: "must be a priority of the problem's unit" });
  }
  if (problems.length > 0) throw badUserInput(problems);
}
