// `npm test`: the whole suite in two jest runs. The fault tests (test/faults/) start the built app as
// several processes each (API, workers, Redis, proxies) and measure timings: run beside the e2e files
// on the 2-core machine they starved them (app boots past jest's hook timeout, 9 files at once in one
// fresh-clone run) and were starved in turn. So they run after the rest, one file at a time.
// With arguments (`npm test -- test/x.e2e-spec.ts --selectProjects=e2e`), one jest run with exactly those.
import { spawnSync } from 'node:child_process';

const jest = ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js'];
const run = (args) => spawnSync(process.execPath, [...jest, ...args], { stdio: 'inherit' }).status ?? 1;

const given = process.argv.slice(2);
if (given.length > 0) process.exit(run(given));
const rest = run(['--selectProjects', 'unit', 'e2e', 'e2e-sqlite', 'smoke']);
const faults = run(['--selectProjects', 'faults', '--runInBand']);
process.exit(rest !== 0 ? rest : faults);
