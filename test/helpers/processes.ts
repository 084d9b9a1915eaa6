import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

export interface RunningProcess {
  child: ChildProcess;
  output: () => { stdout: string; stderr: string };
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
}

/**
 * Starts `node <script>` with exactly `env` (plus PATH and HOME), from the repository root unless
 * `cwd` says otherwise (then give `script` as an absolute path).
 */
export function startNode(script: string, env: Record<string, string>, options: { cwd?: string } = {}): RunningProcess {
  const started = Date.now();
  const child = spawn(process.execPath, [script], {
    cwd: options.cwd ?? process.cwd(),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, ms: Date.now() - started })),
  );
  return { child, output: () => ({ stdout, stderr }), exited };
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers `status`, or fails after `timeoutMs`. */
export async function waitForStatus(url: string, status: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.status === status) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms (last: ${last})`);
}

/**
 * How a process ended, with the tail of what it logged when it did not end cleanly: a failed
 * `toMatchObject({ code: 0 })` then shows why, not only that.
 */
export async function exitOf(running: RunningProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; logged?: string }> {
  const { code, signal } = await running.exited;
  if (code === 0 && signal === null) return { code, signal };
  const { stdout, stderr } = running.output();
  return { code, signal, logged: `${stderr.slice(-3000)}\n${stdout.slice(-3000)}` };
}
