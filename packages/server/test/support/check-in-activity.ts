import type { TestApp } from "@roundtable/testing";

/** The agency's first activity, opened for self check-in: its id and the code attendees type. */
export async function activityOpenForCheckIn(
  t: TestApp,
  coordinatorToken: string,
): Promise<{ activityId: string; code: string }> {
  const listed = await t.graphql<{ activities: { edges: { node: { id: string } }[] } }>(
    "{ activities(first: 1) { edges { node { id } } } }",
    { token: coordinatorToken },
  );
  const activityId = listed.data!.activities.edges[0]!.node.id;
  const opened = await t.graphql<{ setActivityCheckInCode: { code: string } }>(
    `mutation ($id: ID!) { setActivityCheckInCode(input: { activityId: $id }) { code } }`,
    { token: coordinatorToken, variables: { id: activityId } },
  );
  return { activityId, code: opened.data!.setActivityCheckInCode.code };
}
