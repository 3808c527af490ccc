import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type RoleName, secretFromString, signToken } from "@roundtable/core";

const EXAMPLE = fileURLToPath(new URL("../../", import.meta.url));

/** The programs start.sh needs that this machine lacks (Debian packages). */
export function missingPrograms(): string[] {
  const missing: string[] = [];
  const pgVersions = existsSync("/usr/lib/postgresql") ? readdirSync("/usr/lib/postgresql") : [];
  if (!pgVersions.some((version) => existsSync(`/usr/lib/postgresql/${version}/bin/initdb`))) missing.push("postgresql");
  if (spawnSync("redis-server", ["--version"]).status !== 0) missing.push("redis-server");
  if (!existsSync("/usr/sbin/nginx") && spawnSync("nginx", ["-v"]).status !== 0) missing.push("nginx");
  return missing;
}

export interface HostedStack {
  /** nginx's address: `http://127.0.0.1:<port>/graphql`. */
  url: string;
  wsUrl: string;
  /** The two server processes as nginx names them in X-Roundtable-Upstream. */
  upstreams: [string, string];
  /** What start.sh wrote to hosted.env (ROUNDTABLE_URL, OWNER_DATABASE_URL, APP_DATABASE_URL, ...). */
  env: Record<string, string>;
  /** A bearer token for `<role>@<agency>.example`, signed with the stack's shared secret. */
  token(agency: string, role: RoleName): Promise<string>;
  /** Sends SIGTERM to one server process (and pnpm above it), as an orchestrator would. */
  terminateServer(upstream: string): void;
  /** stop.sh --purge: everything stopped, the work dir gone. */
  stop(): Promise<void>;
}

/** Runs start.sh on free loopback ports in a fresh work dir and waits until it says the stack is up. */
export async function startHostedStack(): Promise<HostedStack> {
  const work = mkdtempSync(join(tmpdir(), "roundtable-hosted-"));
  const [http, api1, api2, pg, redis] = await freePorts(5);
  const env = {
    ...process.env,
    HOSTED_WORK_DIR: work,
    HOSTED_HTTP_PORT: String(http),
    HOSTED_API_PORT_1: String(api1),
    HOSTED_API_PORT_2: String(api2),
    HOSTED_PG_PORT: String(pg),
    HOSTED_REDIS_PORT: String(redis),
  };
  const stop = () => run(join(EXAMPLE, "stop.sh"), ["--purge"], env).then(() => undefined);
  try {
    const output = await run(join(EXAMPLE, "start.sh"), [], env);
    if (!output.includes(`Roundtable is up at http://127.0.0.1:${http}/graphql`)) throw new Error(`start.sh said:\n${output}`);
  } catch (error) {
    await stop();
    throw error;
  }
  const hosted = parseEnvFile(readFileSync(join(work, "hosted.env"), "utf8"));
  const secret = secretFromString(hosted.AUTH_JWT_SECRET ?? "");
  const upstreams: [string, string] = [`127.0.0.1:${api1}`, `127.0.0.1:${api2}`];
  return {
    url: `http://127.0.0.1:${http}/graphql`,
    wsUrl: `ws://127.0.0.1:${http}/graphql`,
    upstreams,
    env: hosted,
    token: (agency, role) => signToken({ secret, agency, email: `${role.toLowerCase()}@${agency}.example`, roles: [role] }),
    terminateServer(upstream) {
      const index = upstreams.indexOf(upstream) + 1;
      const group = Number(readFileSync(join(work, "run", `server-${index}.pid`), "utf8"));
      process.kill(-group, "SIGTERM");
    },
    stop,
  };
}

function run(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [script, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk;
    });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve(output) : reject(new Error(`${script} exited with ${code}:\n${output}`))));
  });
}

function parseEnvFile(text: string): Record<string, string> {
  return Object.fromEntries(
    text.split("\n").flatMap((line) => {
      const match = /^export ([A-Z_]+)=(.*)$/.exec(line);
      return match ? [[match[1]!, match[2]!]] : [];
    }),
  );
}

/** Distinct free loopback ports, all held open until every one is chosen. */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
          const server = createServer();
          server.once("error", reject);
          server.listen(0, "127.0.0.1", () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => {
    const address = server.address();
    return typeof address === "object" && address ? address.port : 0;
  });
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}
