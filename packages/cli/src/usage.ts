/** Shown on stderr with a non-zero exit for an unknown command or bad flags. */
export const USAGE = `usage: roundtable <command> [flags]

commands:
  start                                   serve the API on PORT (default 4000)
  migrate                                 apply pending migrations to DATABASE_URL (or the embedded database)
  seed --demo                             load the demo agencies (metro, lakeview)
  token --agency SLUG --role ROLE [--member EMAIL] [--ttl 1h]
                                          print a bearer token signed with the configured secret
  import indicators --agency SLUG FILE    import crime / quality-of-life figures from CSV (all rows or none)
  export --agency SLUG --dataset NAME --format csv|json
                                          print published open data (published-reports, upcoming-meetings)
  audit verify --agency SLUG [--anchor SEQ:HASH]
                                          check the agency's audit hash chain; report the first broken link
  audit anchor --agency SLUG              print the chain head to keep outside the database

environment: PORT DATA_DIR DATABASE_URL REDIS_URL AUTH_JWT_SECRET AUTH_JWKS_URL LOG_LEVEL NODE_ENV`;

/** A mistake in how the command was called: print it with the usage. */
export class UsageError extends Error {
  override name = "UsageError";
}
