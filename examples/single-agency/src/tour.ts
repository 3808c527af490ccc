import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { secretFromString, signToken } from "@roundtable/core";
import { createLogger, loadConfig, resolveJwtSecret, startServer } from "@roundtable/server";

export interface TourStop {
  title: string;
  query: string;
  result: unknown;
}

/**
 * A short tour of one agency on the embedded database: start a server on a fresh data
 * folder (the demo agencies load themselves), sign a token as the CLI would, and ask the
 * API the questions a new station commander asks first.
 */
export async function runTour(dataDir = mkdtempSync(join(tmpdir(), "roundtable-example-"))): Promise<TourStop[]> {
  const config = loadConfig({ DATA_DIR: dataDir, PORT: "0", LOG_LEVEL: "silent" });
  const server = await startServer(config, createLogger("silent"));
  try {
    const token = await signToken({
      secret: secretFromString(resolveJwtSecret(config)),
      agency: "metro",
      email: "unit_commander@metro.example",
      roles: ["UNIT_COMMANDER"],
    });
    const ask = async (title: string, query: string): Promise<TourStop> => {
      const response = await fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query }),
      });
      return { title, query, result: await response.json() };
    };
    return [
      await ask("Who am I?", "{ viewer { roles agency { slug name } member { name email unit { name } } } }"),
      await ask(
        "Which stations does my agency have?",
        "{ agency { orgUnits(first: 10) { totalCount edges { node { name kind commander { name } } } } } }",
      ),
    ];
  } finally {
    await server.close();
  }
}
