# One image for the API, the worker and the CLI; docker-compose.yml picks the command.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx tsc -b tsconfig.build.json && npm prune --omit=dev

FROM node:24-bookworm-slim
# pg_dump and pg_restore for the CLI's backup and restore, of the server's major version (PostgreSQL 15).
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client-15 \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/data ./data
# The web UI's templates and its one script and stylesheet are read at run time, not compiled.
COPY --from=build /app/apps/api/src/web/views ./apps/api/src/web/views
COPY --from=build /app/apps/api/src/web/public ./apps/api/src/web/public
USER node
EXPOSE 3000
# The node flags of scripts/lib/node-flags.mjs (a smaller young generation and heap growth: peak memory).
CMD ["node", "--enable-source-maps", "--max-semi-space-size=2", "--max-old-space-size=512", "dist/apps/api/src/main.js"]
