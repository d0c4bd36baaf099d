# syntax=docker/dockerfile:1
# Selene: multi-stage build on Node 20 slim, running as the unprivileged `node` user.

FROM node:20-slim AS deps
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary is reachable.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# Production dependencies only (esbuild and tsx are among them: the build below and the `selene` CLI use them).
RUN npm ci --omit=dev && npm cache clean --force
# What `npm start` does first: src/ to plain JavaScript in dist/ (the bot then runs without the tsx loader).
COPY tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
RUN npx tsx scripts/build.ts

FROM node:20-slim AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/data \
    KNOWLEDGE_DIR=/app/knowledge \
    HEALTH_PORT=8080 \
    HEALTH_HOST=0.0.0.0
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=deps /app/dist ./dist
COPY package.json tsconfig.json ./
# bin and src serve the `selene` CLI (docker compose run selene npx selene kb check); the bot runs dist/.
COPY bin ./bin
COPY src ./src
COPY knowledge ./knowledge
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
# Every shard's /healthz (shard N listens on HEALTH_PORT + N), so a sharded container is only healthy whole.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
  CMD ["node", "dist/ops/healthcheck.js"]
# `npm start` without npm in between (its prestart build already ran above): SIGTERM from `docker stop`
# reaches node directly (exec form), which shuts the bot down gracefully. Same command as package.json's.
CMD ["node", "--max-semi-space-size=4", "--v8-pool-size=2", "dist/discord/main.js"]
