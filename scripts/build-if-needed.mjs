// `npm start` builds first when dist/ is missing or older than any file under src/.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const built = existsSync('dist/main.js') ? statSync('dist/main.js').mtimeMs : 0;
if (built === 0 || newestMtime('src') > built) {
  console.log('citymove: building (src/ changed since the last build)...');
  execSync('npx nest build', { stdio: 'inherit' });
}
