// Reports: a template from an enabled profile, immutable versions, approval and publishing.
// docs/reports.md describes the lifecycle and its integrity rules.
import "./report-node.ts";
import "./report-queries.ts";
import "./report-editing.ts";
import "./report-decisions.ts";
