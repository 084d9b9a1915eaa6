// The smoke and e2e-sqlite projects run on the embedded SQLite database, as `npm start` does. Entity
// column types follow DATABASE_URL when first imported (src/database/column-types.ts), so it is set
// before any test file loads; each test app then gets a database file of its own (test/helpers/test-app.ts).
process.env.DATABASE_URL = 'sqlite::memory:';
