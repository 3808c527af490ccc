import { stringify } from "csv-stringify/sync";
import type { Plugin } from "graphql-yoga";

/** What this plugin needs of the app: its request handler, to run public queries through it. */
interface HandlesRequests {
  // biome-ignore lint/suspicious/noExplicitAny: yoga's server context is passed through untouched.
  handle(request: Request, serverContext: any): Promise<Response> | Response;
}

/**
 * Open data for the community, without an account: what an agency published, as files a
 * spreadsheet or a newsroom script can read.
 *
 * - `GET /open-data/<slug>/published-reports.{csv,json}`
 * - `GET /open-data/<slug>/upcoming-meetings.{csv,json}`
 * - `GET /agencies/<slug>/reports/<report id>.pdf` (a published report, its approved version)
 *
 * Every file is answered by running the public `publicAgency` query through this same app,
 * so open data can never show more than the public API does. Unknown agency, dataset or
 * report: 404.
 */
export function useOpenData(): Plugin {
  let yoga: HandlesRequests | undefined;
  return {
    onYogaInit({ yoga: instance }) {
      yoga = instance;
    },
    // Not async: a hook that returns a promise makes yoga wait a tick on every request, and
    // all but the open-data paths pass straight through.
    onRequest({ request, url, endResponse, serverContext }) {
      const dataset = DATASET_PATH.exec(url.pathname);
      const pdf = PDF_PATH.exec(url.pathname);
      if ((!dataset && !pdf) || !yoga) return;
      if (request.method !== "GET" && request.method !== "HEAD") {
        endResponse(new Response("Method Not Allowed", { status: 405, headers: { allow: "GET, HEAD" } }));
        return;
      }
      const run = (query: string, variables: Record<string, unknown>) =>
        publicQuery(yoga!, serverContext, request, query, variables);
      if (dataset) {
        const [, slug = "", name = "", format = ""] = dataset;
        return datasetResponse(run, decodeURIComponent(slug), name as DatasetName, format as "csv" | "json").then(endResponse);
      }
      const [, slug = "", id = ""] = pdf!;
      return pdfResponse(run, decodeURIComponent(slug), decodeURIComponent(id)).then(endResponse);
    },
  };
}

const DATASET_PATH = /^\/open-data\/([^/]{1,100})\/(published-reports|upcoming-meetings)\.(csv|json)$/;
const PDF_PATH = /^\/agencies\/([^/]{1,100})\/reports\/([^/]{1,200})\.pdf$/;

export const OPEN_DATASETS = ["published-reports", "upcoming-meetings"] as const;
export type DatasetName = (typeof OPEN_DATASETS)[number];

type Row = Record<string, string | number | string[] | null>;
type RunQuery = (query: string, variables: Record<string, unknown>) => Promise<Record<string, unknown> | null>;

const DATASET_QUERIES: Record<DatasetName, { columns: string[]; query: string; rows(agency: Record<string, unknown>): Row[] }> = {
  "published-reports": {
    columns: ["id", "title", "template", "unit", "period_start", "period_end", "published_at", "version", "content_sha256"],
    query: `query ($slug: String!) { publicAgency(slug: $slug) { publishedReports {
      id title templateKey unitName periodStart periodEnd publishedAt versionNumber contentHash } } }`,
    rows: (agency) =>
      (agency.publishedReports as Row[]).map((report) => ({
        id: report.id ?? null,
        title: report.title ?? null,
        template: report.templateKey ?? null,
        unit: report.unitName ?? null,
        period_start: report.periodStart ?? null,
        period_end: report.periodEnd ?? null,
        published_at: report.publishedAt ?? null,
        version: report.versionNumber ?? null,
        content_sha256: report.contentHash ?? null,
      })),
  },
  "upcoming-meetings": {
    columns: ["title", "starts_at", "ends_at", "location", "unit", "languages"],
    query: `query ($slug: String!) { publicAgency(slug: $slug) { upcomingMeetings {
      title startsAt endsAt location unitName languages } } }`,
    rows: (agency) =>
      (agency.upcomingMeetings as Row[]).map((meeting) => ({
        title: meeting.title ?? null,
        starts_at: meeting.startsAt ?? null,
        ends_at: meeting.endsAt ?? null,
        location: meeting.location ?? null,
        unit: meeting.unitName ?? null,
        languages: meeting.languages ?? [],
      })),
  },
};

async function datasetResponse(run: RunQuery, slug: string, name: DatasetName, format: "csv" | "json"): Promise<Response> {
  const spec = DATASET_QUERIES[name];
  const data = await run(spec.query, { slug });
  const agency = data?.publicAgency as Record<string, unknown> | null | undefined;
  if (!agency) return notFound(`No agency has the slug "${slug}".`);
  const rows = spec.rows(agency);
  const headers = { "cache-control": "public, max-age=300", "access-control-allow-origin": "*" };
  if (format === "json") {
    return new Response(`${JSON.stringify(rows, null, 2)}\n`, {
      headers: { ...headers, "content-type": "application/json; charset=utf-8" },
    });
  }
  return new Response(toCsv(rows, spec.columns), {
    headers: {
      ...headers,
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${slug}-${name}.csv"`,
    },
  });
}

async function pdfResponse(run: RunQuery, slug: string, id: string): Promise<Response> {
  const data = await run(
    `query ($slug: String!, $id: ID!) { publicAgency(slug: $slug) { publishedReport(id: $id) { pdfBase64 } } }`,
    {
      slug,
      id,
    },
  );
  const report = (data?.publicAgency as { publishedReport?: { pdfBase64: string } | null } | null)?.publishedReport;
  if (!report) return notFound("No published report has this ID.");
  return new Response(Buffer.from(report.pdfBase64, "base64"), {
    headers: { "content-type": "application/pdf", "cache-control": "public, max-age=300" },
  });
}

/** Characters that make Excel, LibreOffice or Google Sheets treat a cell as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell a spreadsheet shows as text: a leading formula character gets a single quote before it. */
export function neutraliseCell(value: string | number | string[] | null): string {
  const text = value === null ? "" : Array.isArray(value) ? value.join("; ") : String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** RFC 4180 CSV with a header row; every cell neutralised against formula execution. */
export function toCsv(rows: Row[], columns: string[]): string {
  return stringify([columns, ...rows.map((row) => columns.map((column) => neutraliseCell(row[column] ?? null)))], {
    record_delimiter: "\r\n",
  });
}

async function publicQuery(
  yoga: HandlesRequests,
  serverContext: unknown,
  request: Request,
  query: string,
  variables: Record<string, unknown>,
): Promise<Record<string, unknown> | null> {
  // No Authorization header is passed on: open data is what the public sees, whoever asks.
  const forwarded = request.headers.get("x-forwarded-for");
  const internal = new Request(new URL("/graphql", request.url), {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json",
      ...(forwarded ? { "x-forwarded-for": forwarded } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const response = await yoga.handle(internal, serverContext);
  const body = (await response.json()) as { data?: Record<string, unknown> | null; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`open data query failed: ${body.errors.map((error) => error.message).join("; ")}`);
  return body.data ?? null;
}

function notFound(message: string): Response {
  return new Response(`${message}\n`, { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
}
