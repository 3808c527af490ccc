import { EVALUATE_COMPLIANCE_MUTATION } from "../workloads/compliance-evaluation.ts";
import { LOG_ACTIVITY_MUTATION, logActivityVariables } from "../workloads/log-activity.ts";
import { PUBLIC_AGENCY_QUERY } from "../workloads/public-agency.ts";
import {
  STAKEHOLDER_LIST_POSTGRAPHILE_QUERY,
  STAKEHOLDER_LIST_QUERY,
  STAKEHOLDER_LIST_VARIABLES,
} from "../workloads/stakeholder-list.ts";
import { STATION_DASHBOARD_POSTGRAPHILE_QUERY, STATION_DASHBOARD_QUERY } from "../workloads/station-dashboard.ts";
import type { SuiteContext } from "./context.ts";
import { graphqlWorkload, type HttpWorkload } from "./measure.ts";

/** Workloads 1-4 as Roundtable answers them. */
export function roundtableWorkloads(context: SuiteContext): HttpWorkload[] {
  const agency = context.dataset.agencies[0]!;
  const token = context.chiefToken;
  const connections = context.connections;
  return [
    graphqlWorkload("W1", STATION_DASHBOARD_QUERY, { token, connections }),
    graphqlWorkload("W2", STAKEHOLDER_LIST_QUERY, { token, variables: STAKEHOLDER_LIST_VARIABLES, connections }),
    graphqlWorkload("W3", LOG_ACTIVITY_MUTATION, {
      token,
      variables: logActivityVariables(agency.stations[0]!.id),
      connections: context.mutationConnections,
    }),
    graphqlWorkload("W4", PUBLIC_AGENCY_QUERY, { variables: { slug: agency.slug }, connections }),
  ];
}

export const complianceWorkload = (context: SuiteContext) =>
  graphqlWorkload("W5", EVALUATE_COMPLIANCE_MUTATION, { token: context.chiefToken, connections: 1 });

/** The hand-written handler answers only workload 1 (whatever the body asks). */
export const handWrittenWorkload = (context: SuiteContext) =>
  graphqlWorkload("W1", "{ stationDashboard }", { token: context.chiefToken, connections: context.connections });

export function postgraphileWorkloads(context: SuiteContext): HttpWorkload[] {
  const token = context.chiefToken;
  return [
    graphqlWorkload("W1", STATION_DASHBOARD_POSTGRAPHILE_QUERY, { token, connections: context.connections }),
    graphqlWorkload("W2", STAKEHOLDER_LIST_POSTGRAPHILE_QUERY, { token, connections: context.connections }),
  ];
}

export const helloWorkload = (context: SuiteContext) =>
  graphqlWorkload("hello", "{ hello }", { connections: context.connections });
