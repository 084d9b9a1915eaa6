import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { preflight } from '../src/bootstrap.js';
import { createAppLogger } from '../src/common/logging/logging.js';

/**
 * `npm run members:create-staff -- <username> <email>`: creates an active staff member (the API
 * never makes staff) and prints its id. The password comes from MEMBER_PASSWORD, or a hidden prompt.
 * Exit codes: 0 created, 1 refused (invalid, taken) or failed, 2 usage.
 */
async function main(): Promise<number> {
  const [username, email, ...rest] = process.argv.slice(2).filter((arg) => arg !== '--');
  if (!username || !email || rest.length > 0) {
    process.stderr.write('usage: npm run members:create-staff -- <username> <email>   (password from MEMBER_PASSWORD or a prompt)\n');
    return 2;
  }
  const env = await preflight();
  const password = process.env.MEMBER_PASSWORD ?? (await promptHidden(`Password for ${username}: `));

  // Imported only now: entity column types follow DATABASE_URL, which `.env` may have just set.
  const { AppModule } = await import('../src/app.module.js');
  const { MembersService } = await import('../src/members/members.service.js');
  const { MembersError } = await import('../src/members/members.errors.js');
  const app = await NestFactory.createApplicationContext(AppModule.register({ processors: false }), {
    logger: createAppLogger(env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL),
    abortOnError: false,
  });
  try {
    const member = await app.get(MembersService).createStaff({ username, email, password });
    process.stdout.write(`${member.id}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof MembersError)) throw error;
    const faults = error.faults.length > 0 ? error.faults : [{ field: undefined, message: error.message }];
    for (const fault of faults) process.stderr.write(`members:create-staff: ${fault.field ? `${fault.field}: ` : ''}${fault.message}\n`);
    return 1;
  } finally {
    await app.close();
  }
}

/** Reads a line without echoing it on a terminal; reads stdin's first line when piped. */
function promptHidden(question: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    return new Promise((resolve) => {
      let data = '';
      input.setEncoding('utf8');
      input.on('data', (chunk: string) => (data += chunk));
      input.on('end', () => resolve(data.split(/\r?\n/, 1)[0] ?? ''));
    });
  }
  process.stderr.write(question);
  return new Promise((resolve, reject) => {
    let password = '';
    input.setRawMode(true);
    input.setEncoding('utf8');
    input.resume();
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\u0003') {
          cleanUp();
          reject(new Error('interrupted'));
          return;
        }
        if (char === '\r' || char === '\n' || char === '\u0004') {
          cleanUp();
          process.stderr.write('\n');
          resolve(password);
          return;
        }
        if (char === '\u007f' || char === '\b') password = password.slice(0, -1);
        else password += char;
      }
    };
    const cleanUp = () => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
    };
    input.on('data', onData);
  });
}

main()
  .then((code) => process.exit(code))
  .catch((error: Error) => {
    process.stderr.write(`members:create-staff: ${error.message}\n`);
    process.exit(1);
  });
