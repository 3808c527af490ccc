/** Workload 4, the public agency page: published plan updates and upcoming meetings, no account. */
export const PUBLIC_AGENCY_QUERY = /* GraphQL */ `
  query PublicAgency($slug: String!) {
    publicAgency(slug: $slug) {
      name
      slug
      planSummaries { unitName report { title periodStart periodEnd publishedAt versionNumber contentHash } }
      upcomingMeetings { title startsAt endsAt location unitName languages }
    }
  }
`;
