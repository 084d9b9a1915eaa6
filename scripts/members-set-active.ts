import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { preflight } from '../src/bootstrap.js';
import { createAppLogger } from '../src/common/logging/logging.js';

/**
 * `npm run members:set-active -- <username> <true|false>`: activates or deactivates a member and
 * revokes every token issued to it so far (docs/security.md), then prints its id.
 * Exit codes: 0 done, 1 no such member, 2 usage.
 */
async function main(): Promise<number> {
  const [username, value, ...rest] = process.argv.slice(2).filter((arg) => arg !== '--');
  if (!username || !['true', 'false'].includes(value ?? '') || rest.length > 0) {
    process.stderr.write('usage: npm run members:set-active -- <username> <true|false>\n');
    return 2;
  }
  const env = await preflight();
  // Imported only now: entity column types follow DATABASE_URL, which `.env` may have just set.
  const { AppModule } = await import('../src/app.module.js');
  const { MembersService } = await import('../src/members/members.service.js');
  const app = await NestFactory.createApplicationContext(AppModule.register({ processors: false }), {
    logger: createAppLogger(env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL),
    abortOnError: false,
  });
  try {
    const id = await app.get(MembersService).setActive(username, value === 'true');
    if (id === null) {
      process.stderr.write(`members:set-active: no member is called ${username}\n`);
      return 1;
    }
    process.stdout.write(`${id}\n`);
    return 0;
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`members:set-active: ${error.message}\n`);
    process.exit(1);
  },
);
