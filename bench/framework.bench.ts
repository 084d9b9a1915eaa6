/**
 * `npm run bench:framework`: what the framework costs per request, against bare `node:http`
 * serving the same bytes, measured side by side in one run (bench/support/side-by-side.ts):
 *   1. `GET /mobility/gbfs/gbfs.json`, a route with no I/O: the cost of Nest, Fastify and every
 *      platform hook (security headers, request id, metrics, URL rules, module policies);
 *   2. `GET /health`: the same, plus one database and one Redis round trip.
 * Each also against a minimal NestJS + Fastify application serving the same bytes
 * (bench/support/minimal-nest-server.ts): the framework's own floor, which tells what of the gap
 * to bare `node:http` is ours and what is Nest's and Fastify's (docs/performance.md, row 1).
 * The built app (`dist/main.js`) runs on a PostgreSQL database and Redis prefix of its own, both
 * removed at the end; traffic goes to 127.0.0.1 only.
 *
 * Then the same pairs in CPU time per request at a fixed offered rate (BENCH_FIXED_RATE, 8000 req/s;
 * BENCH_CPU_ROUNDS, 6; BENCH_CPU_ROUND_SECONDS, 1.5): on a fast machine the saturated references
 * stop at what the load generator can send, which CPU per request does not (docs/performance.md).
 *
 * Knobs: BENCH_PORT (3111; the bare server takes the next port, the minimal Nest app the one after), BENCH_CONNECTIONS (50),
 * BENCH_ROUNDS (8 per side), BENCH_ROUND_SECONDS (0.3), BENCH_SCENARIOS (`gbfs,health`), and the
 * shared BENCH_DATABASE_URL / BENCH_REDIS_URL. CITYMOVE_NODE_ARGS=--cpu-prof profiles the app.
 */
import os from 'node:os';
import { createBenchRun, removeBenchRun, startBuiltApp, stopProcess, waitForHealth } from './support/bench-run.js';
import {
  type Comparison,
  type CpuComparison,
  cpuPerRequest,
  replayableHeaders,
  sideBySide,
  startBareServer,
  startMinimalNestServer,
} from './support/side-by-side.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const ROUND_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 0.3);
const SCENARIOS = (process.env.BENCH_SCENARIOS ?? 'gbfs,health').split(',');
const FIXED_RATE = Number(process.env.BENCH_FIXED_RATE ?? 8000);
const CPU_ROUNDS = Number(process.env.BENCH_CPU_ROUNDS ?? 6);
const CPU_ROUND_SECONDS = Number(process.env.BENCH_CPU_ROUND_SECONDS ?? 1.5);
const HEADERS = { 'user-agent': 'citymove-bench/1.0', accept: 'application/json' };

const PATHS = { gbfs: '/mobility/gbfs/gbfs.json', health: '/health' } as const;

async function main(): Promise<void> {
  const port = Number(process.env.BENCH_PORT ?? 3111);
  const run = await createBenchRun('framework', port);
  const server = startBuiltApp(run, { RUN_PROCESSORS: 'false' });
  let bare: Awaited<ReturnType<typeof startBareServer>> | undefined;
  let minimalNest: Awaited<ReturnType<typeof startMinimalNestServer>> | undefined;
  try {
    await waitForHealth(server, run);
    // The bare server answers the very bytes and headers the app sent.
    const answers: Parameters<typeof startBareServer>[1] = {};
    for (const path of Object.values(PATHS)) {
      const answer = await fetch(`${run.base}${path}`, { headers: HEADERS });
      if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}`);
      answers[path] = { status: 200, headers: replayableHeaders(answer.headers), body: await answer.text() };
    }
    bare = await startBareServer(port + 1, answers);
    const bareBase = `http://127.0.0.1:${port + 1}`;
    minimalNest = await startMinimalNestServer(port + 2, answers);
    const nestBase = `http://127.0.0.1:${port + 2}`;
    const options = { connections: CONNECTIONS, rounds: ROUNDS, roundSeconds: ROUND_SECONDS };

    // Warm-up of both sides (JIT, pools).
    await sideBySide(
      'warm-up',
      { name: 'app', url: `${run.base}${PATHS.gbfs}`, headers: HEADERS, expected: '2xx' },
      { name: 'bare', url: `${bareBase}${PATHS.gbfs}`, headers: HEADERS, expected: '2xx' },
      { ...options, rounds: 1 },
    );
    await sideBySide(
      'warm-up',
      { name: 'app', url: `${run.base}${PATHS.gbfs}`, headers: HEADERS, expected: '2xx' },
      { name: 'minimal Nest', url: `${nestBase}${PATHS.gbfs}`, headers: HEADERS, expected: '2xx' },
      { ...options, rounds: 1 },
    );

    const rows: Comparison[] = [];
    for (const scenario of SCENARIOS) {
      const path = PATHS[scenario as keyof typeof PATHS];
      if (path === undefined) throw new Error(`unknown scenario ${scenario}`);
      rows.push(
        await sideBySide(
          `GET ${path}`,
          { name: 'citymove', url: `${run.base}${path}`, headers: HEADERS, expected: '2xx' },
          { name: 'bare node:http, same bytes', url: `${bareBase}${path}`, headers: HEADERS, expected: '2xx' },
          options,
        ),
        await sideBySide(
          `GET ${path}`,
          { name: 'citymove', url: `${run.base}${path}`, headers: HEADERS, expected: '2xx' },
          { name: 'minimal Nest + Fastify, same bytes', url: `${nestBase}${path}`, headers: HEADERS, expected: '2xx' },
          options,
        ),
      );
    }
    // The same comparisons in CPU time per request at a fixed offered rate (see cpuPerRequest).
    const cpuRows: CpuComparison[] = [];
    const cpuOptions = { connections: CONNECTIONS, rounds: CPU_ROUNDS, roundSeconds: CPU_ROUND_SECONDS, rate: FIXED_RATE };
    for (const scenario of SCENARIOS) {
      const path = PATHS[scenario as keyof typeof PATHS];
      const app = { name: 'citymove', url: `${run.base}${path}`, headers: HEADERS, expected: '2xx' as const, pid: server.pid! };
      cpuRows.push(
        await cpuPerRequest(
          `GET ${path}`,
          app,
          { name: 'bare node:http, same bytes', url: `${bareBase}${path}`, headers: HEADERS, expected: '2xx', pid: bare.pid! },
          cpuOptions,
        ),
        await cpuPerRequest(
          `GET ${path}`,
          app,
          {
            name: 'minimal Nest + Fastify, same bytes',
            url: `${nestBase}${path}`,
            headers: HEADERS,
            expected: '2xx',
            pid: minimalNest.pid!,
          },
          cpuOptions,
        ),
      );
    }
    process.stdout.write(
      `\nframework benchmark: ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${ROUND_SECONDS} s per side, ` +
        `Node ${process.version}, ${os.cpus().length} CPUs, load ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}\n`,
    );
    console.table(rows);
    process.stdout.write(
      `\nCPU time per request (user + system, /proc), ${FIXED_RATE} req/s offered, ${CPU_ROUNDS} alternating rounds of ` +
        `${CPU_ROUND_SECONDS} s per side, medians; ratio = reference's µs / citymove's\n`,
    );
    console.table(cpuRows);
  } finally {
    if (bare !== undefined) await stopProcess(bare);
    if (minimalNest !== undefined) await stopProcess(minimalNest);
    await stopProcess(server);
    await removeBenchRun(run);
  }
}

main().catch((error: Error) => {
  process.stderr.write(`bench:framework: ${error.message}\n`);
  process.exitCode = 1;
});
