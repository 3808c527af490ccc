/**
 * Workload 1, the station dashboard: every patrol station with its commander, ranked
 * priorities, plan, the plan's latest revision and sections, the ten most recent problems
 * with their responses and counts, and the agency's open findings.
 */
export const STATION_DASHBOARD_QUERY = /* GraphQL */ `
  query StationDashboard {
    orgUnits(filter: { kind: PATROL_STATION }, first: 25) {
      totalCount
      edges {
        node {
          name
          commander { name }
          priorities { title rank feedbackCount }
          plan {
            title
            latestRevision { status periodStart periodEnd sections { key title } }
            problems(first: 10) {
              totalCount
              edges {
                node {
                  title
                  status
                  identifiedOn
                  priority { title }
                  responseCount
                  preventionResponseCount
                  responses { kind basis status }
                }
              }
            }
          }
        }
      }
    }
    compliance {
      openCount
      violations: openCount(severity: VIOLATION)
      findingsConnection(first: 10) { edges { node { ruleId severity message unit { name } } } }
    }
  }
`;

/**
 * The same question for PostGraphile 4 (its generated schema over the same tables): the
 * relations are the foreign keys' names, "latest revision" is the first revision by period,
 * counts are connection totals.
 */
export const STATION_DASHBOARD_POSTGRAPHILE_QUERY = /* GraphQL */ `
  query StationDashboard {
    allOrgUnits(condition: { kind: PATROL_STATION }, orderBy: [NAME_ASC, ID_ASC], first: 25) {
      totalCount
      nodes {
        name
        commander: memberByCommanderId { name }
        priorities: prioritiesByAgencyIdAndUnitId(condition: { status: ACTIVE }, orderBy: [STATUS_ASC, RANK_ASC, ID_ASC]) {
          nodes { title rank feedback: priorityFeedbacksByAgencyIdAndPriorityId { totalCount } }
        }
        plans: plansByAgencyIdAndUnitId(condition: { kind: "COMMUNITY_POLICING_PLAN" }) {
          nodes {
            title
            latestRevision: planRevisionsByAgencyIdAndPlanId(orderBy: [PERIOD_START_DESC, ID_ASC], first: 1) {
              nodes { status periodStart periodEnd sections: planSectionsByAgencyIdAndRevisionId(orderBy: KEY_ASC) { nodes { key title } } }
            }
            problems: problemsByPlanId(orderBy: [IDENTIFIED_ON_DESC, ID_ASC], first: 10) {
              totalCount
              nodes {
                title
                status
                identifiedOn
                priority: priorityByPriorityId { title }
                responses: problemResponsesByAgencyIdAndProblemId(orderBy: [CREATED_AT_ASC, ID_ASC]) {
                  totalCount
                  nodes { kind basis status }
                }
                prevention: problemResponsesByAgencyIdAndProblemId(condition: { kind: PREVENTION }) { totalCount }
              }
            }
          }
        }
      }
    }
    openFindings: allFindings(condition: { resolvedAt: null }) { totalCount }
    violations: allFindings(condition: { resolvedAt: null, severity: VIOLATION }) { totalCount }
    topFindings: allFindings(condition: { resolvedAt: null }, orderBy: [SEVERITY_DESC, RAISED_AT_ASC, ID_ASC], first: 10) {
      nodes { ruleId severity message unit: orgUnitByUnitId { name } }
    }
  }
`;

/**
 * The best single statement a person would write for the dashboard: one query that builds
 * the whole GraphQL response as JSON inside PostgreSQL. Row-level security (the agency set
 * in the transaction) restricts every table to the caller's agency, as it does for the app.
 */
export const STATION_DASHBOARD_SQL = /* SQL */ `
SELECT json_build_object('data', json_build_object(
  'orgUnits', json_build_object(
    'totalCount', (SELECT count(*) FROM "OrgUnit" WHERE kind = 'PATROL_STATION'),
    'edges', COALESCE((
      SELECT json_agg(json_build_object('node', station.node) ORDER BY station.name, station.id)
      FROM (
        SELECT o.name, o.id, json_build_object(
          'name', o.name,
          'commander', (SELECT json_build_object('name', m.name) FROM "Member" m WHERE m.id = o."commanderId"),
          'priorities', COALESCE((
            SELECT json_agg(json_build_object(
              'title', p.title,
              'rank', p.rank,
              'feedbackCount', (SELECT count(*) FROM "PriorityFeedback" pf WHERE pf."priorityId" = p.id)
            ) ORDER BY p.status, p.rank, p.id)
            FROM "Priority" p WHERE p."unitId" = o.id AND p.status = 'ACTIVE'), '[]'::json),
          'plan', (
            SELECT json_build_object(
              'title', pl.title,
              'latestRevision', (
                SELECT json_build_object(
                  'status', r.status,
                  'periodStart', to_char(r."periodStart", 'YYYY-MM-DD'),
                  'periodEnd', to_char(r."periodEnd", 'YYYY-MM-DD'),
                  'sections', COALESCE((
                    SELECT json_agg(json_build_object('key', s.key, 'title', s.title) ORDER BY s.key)
                    FROM "PlanSection" s WHERE s."revisionId" = r.id), '[]'::json))
                FROM "PlanRevision" r WHERE r."planId" = pl.id
                ORDER BY r."periodStart" DESC, r.id LIMIT 1),
              'problems', json_build_object(
                'totalCount', (SELECT count(*) FROM "Problem" pr WHERE pr."planId" = pl.id),
                'edges', COALESCE((
                  SELECT json_agg(json_build_object('node', problem.node) ORDER BY problem."identifiedOn" DESC, problem.id)
                  FROM (
                    SELECT pr.id, pr."identifiedOn", json_build_object(
                      'title', pr.title,
                      'status', pr.status,
                      'identifiedOn', to_char(pr."identifiedOn", 'YYYY-MM-DD'),
                      'priority', (SELECT json_build_object('title', pp.title) FROM "Priority" pp WHERE pp.id = pr."priorityId"),
                      'responseCount', (SELECT count(*) FROM "ProblemResponse" x WHERE x."problemId" = pr.id),
                      'preventionResponseCount',
                        (SELECT count(*) FROM "ProblemResponse" x WHERE x."problemId" = pr.id AND x.kind = 'PREVENTION'),
                      'responses', COALESCE((
                        SELECT json_agg(json_build_object('kind', x.kind, 'basis', x.basis, 'status', x.status)
                                        ORDER BY x."createdAt", x.id)
                        FROM "ProblemResponse" x WHERE x."problemId" = pr.id), '[]'::json)
                    ) AS node
                    FROM "Problem" pr WHERE pr."planId" = pl.id
                    ORDER BY pr."identifiedOn" DESC, pr.id LIMIT 10
                  ) problem), '[]'::json)))
            FROM "Plan" pl WHERE pl."unitId" = o.id AND pl.kind = 'COMMUNITY_POLICING_PLAN')
        ) AS node
        FROM "OrgUnit" o WHERE o.kind = 'PATROL_STATION'
        ORDER BY o.name, o.id LIMIT 25
      ) station), '[]'::json)),
  'compliance', json_build_object(
    'openCount', (SELECT count(*) FROM "Finding" WHERE "resolvedAt" IS NULL),
    'violations', (SELECT count(*) FROM "Finding" WHERE "resolvedAt" IS NULL AND severity = 'VIOLATION'),
    'findingsConnection', json_build_object('edges', COALESCE((
      SELECT json_agg(json_build_object('node', json_build_object(
        'ruleId', f."ruleId",
        'severity', f.severity,
        'message', f.message,
        'unit', (SELECT json_build_object('name', u.name) FROM "OrgUnit" u WHERE u.id = f."unitId")
      )) ORDER BY f.severity DESC, f."raisedAt", f.id)
      FROM (SELECT * FROM "Finding" WHERE "resolvedAt" IS NULL ORDER BY severity DESC, "raisedAt", id LIMIT 10) f), '[]'::json))
  )
))::text AS body
`;
