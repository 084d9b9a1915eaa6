// The smoke suite runs on the embedded SQLite database, as `npm start` does.
process.env.DATABASE_URL = 'sqlite::memory:';
