/**
 * Side-by-side measurement on a shared, loaded machine: absolute figures mean little there, so a
 * target and its reference are measured in the same run, in short alternating rounds (target,
 * reference, target, …), each round on its own fresh connections, and what is reported is each
 * side's rate and the ratio. Every round's ratio is kept too, so a reader sees the spread.
 *
 * Also the references themselves: `startBareServer` (bare `node:http` answering fixed bytes) runs
 * in a child process, like the app, so that both sides get a process of their own; so does
 * `startMinimalNestServer` (a Nest application with nothing of ours, answering the same bytes).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { autocannon } from './bench-run.js';

export interface Side {
  name: string;
  url: string;
  headers?: Record<string, string>;
  /** Sets up each connection's requests (method, path, body), as autocannon's `setupClient`; GETs of `url` without it. */
  setupClient?: (client: unknown) => void;
  /** The answers every request must get; anything else is counted as unexpected. */
  expected: '2xx' | '3xx';
}

export interface Comparison {
  scenario: string;
  target: string;
  'target req/s': number;
  reference: string;
  'reference req/s': number;
  ratio: number;
  /** The median of the rounds' ratios: what a burst of load from elsewhere moves least. */
  'median round ratio': number;
  'round ratios': string;
  'unexpected answers': number;
}

export interface SideBySideOptions {
  connections: number;
  /** Rounds per side (alternating). */
  rounds: number;
  /** Seconds per round. */
  roundSeconds: number;
}

/** Rounds of `target` and `reference` alternating; the rates are total requests over total seconds. */
export async function sideBySide(scenario: string, target: Side, reference: Side, options: SideBySideOptions): Promise<Comparison> {
  const totals = new Map<Side, { requests: number; seconds: number; unexpected: number }>([
    [target, { requests: 0, seconds: 0, unexpected: 0 }],
    [reference, { requests: 0, seconds: 0, unexpected: 0 }],
  ]);
  const roundRatios: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    // The side that goes first alternates too, so neither always follows the other's warm cache.
    const order = round % 2 === 0 ? [target, reference] : [reference, target];
    const rates = new Map<Side, number>();
    for (const side of order) {
      const result = await autocannon({
        url: side.url,
        connections: options.connections,
        duration: options.roundSeconds,
        headers: side.headers,
        setupClient: side.setupClient,
      });
      const total = totals.get(side)!;
      total.requests += result.requests.total;
      total.seconds += result.duration;
      total.unexpected += Math.max(0, result.requests.total - result[side.expected]) + result.errors + result.timeouts;
      rates.set(side, result.requests.total / result.duration);
    }
    roundRatios.push(rates.get(target)! / rates.get(reference)!);
  }
  const rate = (side: Side) => totals.get(side)!.requests / totals.get(side)!.seconds;
  return {
    scenario,
    target: target.name,
    'target req/s': Math.round(rate(target)),
    reference: reference.name,
    'reference req/s': Math.round(rate(reference)),
    ratio: Number((rate(target) / rate(reference)).toFixed(2)),
    'median round ratio': Number(median(roundRatios).toFixed(2)),
    'round ratios': roundRatios.map((ratio) => ratio.toFixed(2)).join(' '),
    'unexpected answers': totals.get(target)!.unexpected + totals.get(reference)!.unexpected,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** A process under measurement: a side, and the pid whose CPU time it is served by. */
export interface MeasuredSide extends Side {
  pid: number;
}

export interface CpuComparison {
  scenario: string;
  'offered req/s': number;
  target: string;
  'target µs/request': number;
  reference: string;
  'reference µs/request': number;
  /** reference CPU per request / target's: what share of the reference's efficiency the target has. */
  ratio: number;
  'round ratios': string;
}

/**
 * CPU time per request at a fixed offered rate, target and reference in alternating rounds: the
 * user + system time of each server process (from /proc) over the requests it answered. Unlike a
 * saturated rate, it does not stop at what the load generator can send (on a fast machine the
 * references meet that ceiling first), nor does it move when other work takes a core.
 */
export async function cpuPerRequest(
  scenario: string,
  target: MeasuredSide,
  reference: MeasuredSide,
  options: SideBySideOptions & { rate: number },
): Promise<CpuComparison> {
  const perRequest = new Map<MeasuredSide, number[]>([
    [target, []],
    [reference, []],
  ]);
  for (let round = 0; round < options.rounds; round++) {
    for (const side of round % 2 === 0 ? [target, reference] : [reference, target]) {
      const before = cpuSeconds(side.pid);
      const result = await autocannon({
        url: side.url,
        connections: options.connections,
        duration: options.roundSeconds,
        overallRate: options.rate,
        headers: side.headers,
        setupClient: side.setupClient,
      });
      const unexpected = Math.max(0, result.requests.total - result[side.expected]) + result.errors + result.timeouts;
      if (unexpected > 0) throw new Error(`${scenario}: ${side.name} gave ${unexpected} unexpected answers`);
      perRequest.get(side)!.push(((cpuSeconds(side.pid) - before) * 1e6) / result.requests.total);
    }
  }
  const targetMedian = median(perRequest.get(target)!);
  const referenceMedian = median(perRequest.get(reference)!);
  return {
    scenario,
    'offered req/s': options.rate,
    target: target.name,
    'target µs/request': Number(targetMedian.toFixed(1)),
    reference: reference.name,
    'reference µs/request': Number(referenceMedian.toFixed(1)),
    ratio: Number((referenceMedian / targetMedian).toFixed(2)),
    'round ratios': perRequest
      .get(target)!
      .map((spent, round) => (perRequest.get(reference)![round] / spent).toFixed(2))
      .join(' '),
  };
}

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/** User + system CPU seconds a process has used (Linux's /proc/<pid>/stat, fields 14 and 15). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces: the fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** A fixed answer of the bare server. */
export interface FixedAnswer {
  /** GET unless said (the minimal Nest app only: a POST route parses its JSON body, as the app's do). */
  method?: 'GET' | 'POST';
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Bare `node:http` in a child process, answering each path with fixed bytes (the same status,
 * headers and body the app sent) and 404 otherwise: what serving those bytes costs with no framework.
 */
export async function startBareServer(port: number, answers: Record<string, FixedAnswer>): Promise<ChildProcess> {
  const script = `
    const http = require('node:http');
    const answers = JSON.parse(process.env.BARE_ANSWERS);
    http.createServer((request, response) => {
      const answer = answers[request.url];
      if (answer === undefined) { response.writeHead(404).end(); return; }
      response.writeHead(answer.status, answer.headers);
      response.end(answer.body);
    }).listen(${port}, '127.0.0.1', () => process.stdout.write('listening\\n'));
  `;
  return startReference(['-e', script], { BARE_ANSWERS: JSON.stringify(answers) });
}

/**
 * A minimal NestJS + Fastify application in a child process (bench/support/minimal-nest-server.ts)
 * answering the same fixed bytes: the floor any Nest route of ours stands on.
 */
export async function startMinimalNestServer(port: number, answers: Record<string, FixedAnswer>): Promise<ChildProcess> {
  const script = fileURLToPath(new URL('./minimal-nest-server.ts', import.meta.url));
  return startReference(['--import', '@swc-node/register/esm-register', script], {
    BARE_ANSWERS: JSON.stringify(answers),
    BARE_PORT: String(port),
  });
}

/** A reference server in a child process: resolves once it wrote `listening` on stdout. */
export async function startReference(args: string[], env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the reference server exited with ${code}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening')) resolve();
    });
  });
  child.removeAllListeners('exit');
  return child;
}

/** The headers an answer carries, minus those a fixed copy must not repeat (length and framing are recomputed). */
export function replayableHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!['content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding'].includes(name)) kept[name] = value;
  });
  return kept;
}

export const pause = (ms: number) => sleep(ms);
