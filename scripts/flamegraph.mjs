#!/usr/bin/env node
// `npm run flamegraph -- <file.cpuprofile> [--from-first <function>] [--title <text>] > out.svg`: a
// flame graph (SVG, the root at the bottom, each frame as wide as the share of samples under it) of a
// V8 CPU profile, e.g. one taken under a benchmark with CITYMOVE_NODE_ARGS="--cpu-prof
// --cpu-prof-dir=/tmp/prof" (docs/performance.md). Idle samples are left out; `--from-first fn` also
// leaves out every sample before the first one whose stack holds `fn` (the boot, before the load).
// Frames are coloured by whose code they are: ours (dist/), a package, Node's, or V8's own.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const option = (name) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
};
const file = args.find((arg, i) => !arg.startsWith('--') && !args[i - 1]?.startsWith('--'));
if (file === undefined) {
  process.stderr.write('usage: npm run flamegraph -- <file.cpuprofile> [--from-first <function>] [--title <text>] > out.svg\n');
  process.exit(2);
}
const fromFirst = option('from-first');
const title = option('title') ?? file;

const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

/** A frame's name: its function, and where it is (package, or our file, or Node's module). */
function frameName({ callFrame: { functionName, url, lineNumber } }) {
  const name = functionName || '(anonymous)';
  if (!url) return name;
  const where = url
    .replace(/^.*\/node_modules\//, '')
    .replace(/^.*\/dist\//, '')
    .replace(/^file:\/\//, '');
  return `${name} ${where}:${lineNumber + 1}`;
}

function kindOf({ callFrame: { url, functionName } }) {
  if (!url) return functionName.startsWith('(') ? 'v8' : 'native';
  if (url.includes('/node_modules/')) return 'package';
  if (url.includes('/dist/')) return 'ours';
  return 'node';
}
const COLOURS = { ours: [230, 120, 40], package: [70, 130, 200], node: [140, 140, 140], native: [200, 70, 60], v8: [170, 80, 170] };

/** Each sample's stack, root first, as node ids. */
function stackOf(id) {
  const stack = [];
  for (let current = id; current !== undefined; current = parentOf.get(current)) stack.push(current);
  return stack.reverse().slice(1); // without V8's "(root)"
}

// The merged tree: children keyed by frame name, counts are samples under a frame.
const root = { name: 'all', kind: 'v8', count: 0, children: new Map() };
let started = fromFirst === undefined;
for (const sample of profile.samples) {
  const stack = stackOf(sample);
  const names = stack.map((id) => nodes.get(id));
  if (names.length === 1 && names[0].callFrame.functionName === '(idle)') continue;
  if (!started) started = names.some((node) => node.callFrame.functionName === fromFirst);
  if (!started) continue;
  root.count += 1;
  let frame = root;
  for (const node of names) {
    const name = frameName(node);
    let child = frame.children.get(name);
    if (!child) frame.children.set(name, (child = { name, kind: kindOf(node), count: 0, children: new Map() }));
    child.count += 1;
    frame = child;
  }
}
if (root.count === 0) {
  process.stderr.write('flamegraph: no sample to draw\n');
  process.exit(1);
}

const WIDTH = 1200;
const ROW = 16;
const MIN_SHARE = 0.002; // frames under 0.2 % of the samples are left out: unreadable, and they weigh
const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const rects = [];
let depth = 0;
function place(frame, x, level) {
  depth = Math.max(depth, level);
  rects.push({ frame, x, level });
  let offset = x;
  for (const child of [...frame.children.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    if (child.count / root.count >= MIN_SHARE) place(child, offset, level + 1);
    offset += (child.count / root.count) * WIDTH;
  }
}
place(root, 0, 0);

const height = (depth + 1) * ROW + 40;
const parts = [
  `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" font-family="monospace" font-size="11">`,
  `<text x="4" y="16" font-size="13">${escape(title)} (${root.count} samples; orange: citymove, blue: packages, grey: Node, red/purple: native and V8)</text>`,
];
for (const { frame, x, level } of rects) {
  const width = (frame.count / root.count) * WIDTH;
  const y = height - (level + 1) * ROW;
  // A stable shade per name, so one function keeps its colour from graph to graph.
  let hash = 0;
  for (const char of frame.name) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  const [r, g, b] = COLOURS[frame.kind].map((channel) => Math.max(0, Math.min(255, channel + ((hash % 40) - 20))));
  const share = ((100 * frame.count) / root.count).toFixed(1);
  parts.push(
    `<g><title>${escape(frame.name)} (${share} %)</title>` +
      `<rect x="${x.toFixed(1)}" y="${y}" width="${width.toFixed(1)}" height="${ROW - 1}" fill="rgb(${r},${g},${b})"/>` +
      (width > 40
        ? `<text x="${(x + 3).toFixed(1)}" y="${y + ROW - 4}">${escape(frame.name.slice(0, Math.floor(width / 6.6)))}</text>`
        : '') +
      '</g>',
  );
}
parts.push('</svg>');
process.stdout.write(`${parts.join('\n')}\n`);
