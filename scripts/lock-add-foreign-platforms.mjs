// Completes package-lock.json with the platform-specific optional packages of OTHER platforms
// (@swc/core-darwin-arm64, @unrs/resolver-binding-win32-x64-msvc, ...).
//
// Why: the npm registry this project's machines reach serves only this platform's native
// binaries (others answer 404), so npm never records the others in the lock, and `npm ci` then
// refuses the lock ("Missing: @swc/core-darwin-arm64@ from lock file"). An entry that carries the
// package's os/cpu is enough: `npm ci` sees the dependency satisfied and skips it as incompatible
// without fetching it. Run after any `npm install` that changes the lock: `npm run lock:complete`.
// With --check it changes nothing and exits 1 when entries are missing (the test suite runs it).
import { readFileSync, writeFileSync } from 'node:fs';

const LOCK = 'package-lock.json';
const lock = JSON.parse(readFileSync(LOCK, 'utf8'));
const packages = lock.packages;

const OS = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openharmony', 'sunos', 'aix', 'netbsd', 'openbsd'];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'wasm32', 'mips64el', 'ppc64le'];

/** os, cpu and libc read off a platform package's name, e.g. `core-linux-arm64-musl`. */
function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((part) => OS.includes(part));
  const cpu = parts.find((part) => CPU.includes(part)) ?? (parts.includes('arm') ? 'arm' : undefined);
  if (parts.includes('wasm32')) return { cpu: ['wasm32'] };
  if (!os || !cpu) return undefined;
  const platform = { os: [os], cpu: [cpu] };
  if (os === 'linux' && parts.includes('musl')) platform.libc = ['musl'];
  else if (os === 'linux' && parts.some((part) => part.startsWith('gnu'))) platform.libc = ['glibc'];
  return platform;
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const location = `node_modules/${name}`;
    if (packages[location] || (path && packages[`${path}/node_modules/${name}`])) continue;
    const platform = platformOf(name);
    if (!platform) continue;
    packages[location] = { version: spec.replace(/^[\^~=]/, ''), ...platform, optional: true, ...(entry.dev ? { dev: true } : {}) };
    if (entry.peer) packages[location].peer = true;
    added++;
  }
}

if (process.argv.includes('--check')) {
  if (added > 0) {
    console.error(`package-lock.json lacks ${added} foreign-platform optional package(s): run npm run lock:complete`);
    process.exit(1);
  }
  console.log('package-lock.json records every platform: npm ci will accept it');
  process.exit(0);
}

const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
lock.packages = sorted;
writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${added} foreign-platform optional package(s) recorded`);
