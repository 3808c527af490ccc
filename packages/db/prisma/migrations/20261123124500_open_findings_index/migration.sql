-- The open-findings list (compliance.findingsConnection, every dashboard) reads an agency's
-- unresolved findings by severity, then age: this partial index serves it in that order
-- instead of scanning and sorting all findings, resolved ones included.
CREATE INDEX "Finding_open_by_severity"
  ON "Finding" ("agencyId", "severity" DESC, "raisedAt", "id")
  WHERE "resolvedAt" IS NULL;
