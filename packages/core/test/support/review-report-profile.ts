import { definePolicyProfile, defineReportTemplate } from "@roundtable/core";
import type { TestApp } from "@roundtable/testing";
import { z } from "zod";

/**
 * A small policy profile with one quarterly, agency-wide report: prepared by the
 * coordinator, approved by the Chief/Sheriff. Its sections are fixed text, so building a
 * version costs no queries and races are about the approval workflow only.
 */
export const reviewReport = defineReportTemplate<Record<string, never>>({
  key: "review.quarterly",
  title: "Quarterly review",
  period: "QUARTERLY",
  perUnit: false,
  preparedBy: ["COORDINATOR"],
  approverRole: "CHIEF",
  approverMustDiffer: true,
  sections: [
    { key: "summary", title: "Summary", build: async () => ({ body: "First draft." }) },
    { key: "next", title: "Next quarter", build: async () => ({ body: "To be written." }) },
  ],
});

export const reviewReportProfile = definePolicyProfile({
  id: "review-report",
  version: "0.1.0",
  title: "Quarterly review report",
  settings: z.object({}),
  rules: [],
  reports: [reviewReport],
});

/** Enables the profile for `slug`, as its Chief would. */
export async function enableReviewReports(t: TestApp, slug: string): Promise<void> {
  const response = await t.graphql(`mutation ($input: ConfigureProfileInput!) { configurePolicyProfile(input: $input) { id } }`, {
    token: await t.tokenFor(slug, "CHIEF"),
    variables: { input: { profileId: "review-report", enabled: true, settings: {} } },
  });
  if (response.errors) throw new Error(`enabling review-report for ${slug}: ${JSON.stringify(response.errors)}`);
}

/** The first day of the `n`th quarter from 2020 on, as `periodStart` wants it. */
export function quarterStart(n: number): string {
  const year = 2020 + Math.floor(n / 4);
  const month = (n % 4) * 3 + 1;
  return `${year}-${String(month).padStart(2, "0")}-01`;
}
