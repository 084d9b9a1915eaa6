import { TEST_DATABASE_URL } from './test-environment.js';

// Entity column types follow DATABASE_URL when first imported (src/database/column-types.ts): the
// e2e files import entities statically, so the dialect must be PostgreSQL before they load.
process.env.DATABASE_URL = TEST_DATABASE_URL;
