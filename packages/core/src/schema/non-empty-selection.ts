/**
 * A connection helper's node selection, never empty. A page that asks only for `totalCount`
 * or `pageInfo` selects no field of its nodes, and Pothos then hands Prisma `{ select: {} }`,
 * which Prisma refuses ("The `select` statement ... must not be empty"): the whole parent
 * answered "Unexpected error." (found by the schema fuzzer). Selecting the id instead costs
 * nothing and keeps the declared type of the selection.
 */
export function nonEmptySelection<Selection>(selection: Selection): Selection {
  const select = (selection as { select?: object } | null)?.select;
  if (select && Object.keys(select).length === 0) return { ...(selection as object), select: { id: true } } as Selection;
  return selection;
}
