import { writeFileSync } from 'node:fs';
import { API_TYPES_FILE, startBuiltApp, typesOf } from '../test/client/api-types.js';

// `npm run api:types`: regenerates the typed client's types from the built application's document.
const app = await startBuiltApp(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', `citymove_api_types_${process.pid}`);
try {
  writeFileSync(API_TYPES_FILE, await typesOf(await app.document()));
  console.log(`wrote ${API_TYPES_FILE}`);
} finally {
  await app.stop();
}
