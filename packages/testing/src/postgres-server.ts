import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";

/**
 * Where the PostgreSQL server programs (initdb, pg_ctl) are: Debian's packages put each major
 * version under /usr/lib/postgresql/<version>/bin; the newest is used.
 */
export function postgresServerBinaries(): string {
  const versions = existsSync("/usr/lib/postgresql")
    ? readdirSync("/usr/lib/postgresql").sort((a, b) => Number(a) - Number(b))
    : [];
  const bin = `/usr/lib/postgresql/${versions.at(-1)}/bin`;
  if (!existsSync(`${bin}/initdb`)) throw new Error("PostgreSQL server binaries not found: apt-get install postgresql");
  return bin;
}

/** Runs a server program as the postgres user when we are root (PostgreSQL refuses to run as root); returns its output. */
export function runAsPostgres(command: string, args: string[]): string {
  const root = process.getuid?.() === 0;
  return execFileSync(root ? "runuser" : command, root ? ["-u", "postgres", "--", command, ...args] : args, {
    stdio: ["ignore", "pipe", "pipe"],
  }).toString();
}
