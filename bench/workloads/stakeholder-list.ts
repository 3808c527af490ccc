/**
 * Workload 2, the stakeholder list page with filters: one kind of partner, archived ones
 * left out (the default), by name, 25 to a page, with the total for the pager.
 */
export const STAKEHOLDER_LIST_QUERY = /* GraphQL */ `
  query StakeholderList($kinds: [StakeholderKind!]) {
    stakeholders(filter: { kinds: $kinds }, first: 25) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { name kind outreachStatus languages area { name } } }
    }
  }
`;

export const STAKEHOLDER_LIST_VARIABLES = { kinds: ["NEIGHBORHOOD_ASSOCIATION"] };

/** The same page from PostGraphile: its `condition` is equality, which this filter needs. */
export const STAKEHOLDER_LIST_POSTGRAPHILE_QUERY = /* GraphQL */ `
  query StakeholderList {
    allStakeholders(condition: { kind: NEIGHBORHOOD_ASSOCIATION, archivedAt: null }, orderBy: [NAME_ASC, ID_ASC], first: 25) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { name kind outreachStatus languages area: orgUnitByAreaId { name } }
    }
  }
`;
