import { globalId } from "./graphql-request.ts";

/** Workload 3, logging an activity: a community meeting at one station, as the Chief/Sheriff. */
export const LOG_ACTIVITY_MUTATION = /* GraphQL */ `
  mutation LogActivity($input: LogActivityInput!) {
    logActivity(input: $input) { activity { id title startsAt departmentSponsored unit { name } } }
  }
`;

export function logActivityVariables(stationId: string) {
  return {
    input: {
      kind: "COMMUNITY_MEETING",
      title: "Neighbourhood watch meeting",
      startsAt: "2027-01-14T18:00:00.000Z",
      endsAt: "2027-01-14T20:00:00.000Z",
      location: "Station community room",
      unitId: globalId("OrgUnit", stationId),
      departmentSponsored: true,
      attendanceCount: 24,
    },
  };
}
