# citymove: one image for the API (the default command) and the worker (`node dist/worker.js`).
#   docker build -t citymove .
#   docker run -e JWT_SECRET=... -e DATABASE_URL=postgres://... -e REDIS_URL=redis://... -p 3000:3000 citymove
# docker-compose.yml's `app` profile runs it with PostgreSQL, Redis and a worker; docs/deployment.md
# says how to run N API and M worker processes.
ARG NODE_IMAGE=node:20.19-bookworm-slim

# --- build: every dependency, then `nest build` ---------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# better-sqlite3 falls back to compiling its addon when no prebuilt binary fits.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
RUN npx nest build

# --- production dependencies only -----------------------------------------------------------------
FROM build AS production-dependencies
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# --- runtime: node, the built app and its production dependencies, as an unprivileged user --------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0
WORKDIR /app
COPY --chown=node:node package.json ./
COPY --from=production-dependencies --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
# The embedded SQLite file lives here when DATABASE_URL is unset; mount a volume to keep it.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
# Node's own fetch: the slim image has no curl. The worker serves no HTTP: compose disables this for it.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Entry points: dist/main.js (API, default), dist/worker.js (processors only), dist/migrate.js (release step).
CMD ["node", "dist/main.js"]
