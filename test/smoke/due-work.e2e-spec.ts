import { afterAll, beforeAll, describe } from '@jest/globals';
import { dueWorkCases } from '../helpers/due-work-cases.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

describe('durable work on SQLite (the one queued writer)', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp({ env: { DUE_WORK_POLL_MS: '100' } });
  });
  afterAll(() => testApp.close());
  dueWorkCases(() => testApp);
});
