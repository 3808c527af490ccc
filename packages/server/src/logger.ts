import { pino } from "pino";

/**
 * Structured JSON logs. Credentials are redacted wherever they might appear; personal data
 * is never passed to the logger in the first place.
 */
export function createLogger(level: string, destination?: pino.DestinationStream) {
  return pino(
    {
      level,
      base: { service: "roundtable" },
      redact: { paths: ["authorization", "*.authorization", "headers.authorization", "token", "*.token"], censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

export type RoundtableLogger = ReturnType<typeof createLogger>;
