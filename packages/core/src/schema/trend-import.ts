import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { importIndicatorObservations } from "../domain/import-indicators.ts";
import type { RowProblem } from "../domain/indicator-csv.ts";
import { conflict, userError } from "../errors.ts";
import { builder } from "./builder.ts";
import { TREND_EDITORS, writableUnitIds } from "./trend-access.ts";

/** Most line problems one answer lists; a file this broken needs fixing at its source anyway. */
const MAX_REPORTED_ROWS = 1000;

/** Line problems quoted in the error message itself; `extensions.rows` holds them all. */
const QUOTED_IN_MESSAGE = 5;

const IndicatorImportResult = builder
  .objectRef<{ imported: number; created: number; updated: number }>("IndicatorImportResult")
  .implement({
    authScopes: { member: true },
    fields: (t) => ({
      imported: t.exposeInt("imported", { description: "Observations in the file, all of them now recorded." }),
      created: t.exposeInt("created", { description: "Observations recorded for the first time." }),
      updated: t.exposeInt("updated", { description: "Observations that replaced a figure recorded before." }),
    }),
  });

builder.mutationField("importIndicatorObservations", (t) =>
  t.field({
    type: IndicatorImportResult,
    authScopes: { role: TREND_EDITORS },
    description:
      "Imports monthly (or other) figures from CSV with the columns indicator,unit,period_start,period_end,value " +
      "(header line required; unit by code or exact name; dates YYYY-MM-DD; indicators must already be defined). " +
      "All or nothing: when any line is bad, nothing is written and the error's `extensions.rows` lists every " +
      `bad line as { line, message } (the first ${MAX_REPORTED_ROWS}). Importing the same periods again updates ` +
      "their values. A unit commander imports figures for the units they command. At most 5 MB or 100,000 rows.",
    args: { csv: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const result = await importIndicatorObservations(ctx.db, args.csv, {
        writableUnitIds: await writableUnitIds(ctx),
        audit: (tx, entry) => recordAuditEvent(tx, ctx, entry),
      }).catch((error: unknown) => {
        // Someone else imported the same periods between our read and our write.
        if ((error as { code?: string }).code === "P2002") {
          throw conflict("csv: another import recorded some of these periods at the same time; import the file again");
        }
        throw error;
      });
      if (!result.ok) throw badCsv(result.problems);
      return result;
    },
  }),
);

function badCsv(problems: RowProblem[]) {
  const quoted = problems.slice(0, QUOTED_IN_MESSAGE).map((problem) => `line ${problem.line}: ${problem.message}`);
  const more = problems.length > QUOTED_IN_MESSAGE ? `; and ${problems.length - QUOTED_IN_MESSAGE} more` : "";
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  return userError("BAD_USER_INPUT", `csv: ${count}, nothing was imported (${quoted.join("; ")}${more})`, {
    fields: [{ field: "csv", message: `${count}; see rows` }],
    rows: problems.slice(0, MAX_REPORTED_ROWS),
  });
}
