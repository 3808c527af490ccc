import { vi } from "vitest";

export interface CapturedRun {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/**
 * Runs a command function as `roundtable <command> ...` would, in this process, capturing
 * what it prints and the exit status it sets (the status is reset afterwards).
 */
export async function runCaptured(command: (args: string[]) => Promise<void>, args: string[]): Promise<CapturedRun> {
  let stdout = "";
  let stderr = "";
  process.exitCode = 0;
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    await command(args);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { stdout, stderr, exitCode };
}
