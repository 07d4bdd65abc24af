# Pipewatch's image: Next's standalone server on PostgreSQL (DATABASE_URL is required; the
# embedded database is for `npm start` on a workstation). docker-compose.yml runs it with one.
#
# The base image is pinned by digest (index digest of node:20.20.2-bookworm-slim, multi-platform),
# once, in the `base` stage the others start from, so a rebuild uses the same Node and Debian
# until someone moves the pin on purpose. To move it:
#   docker buildx imagetools inspect node:20-bookworm-slim --format '{{json .Manifest.Digest}}'
# and replace both the version and the digest below.
FROM node:20.20.2-bookworm-slim@sha256:2cf067cfed83d5ea958367df9f966191a942351a2df77d6f0193e162b5febfc0 AS base

# deps: node_modules from the lockfile alone, so this layer is reused until the lockfile changes.
# Install scripts are skipped (package.json's allowScripts refuses them too); the one the
# project needs, Prisma's client generation, runs offline in the build stage.
FROM base AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund

# build: the Prisma client (bin/prisma-generate.mjs, no engine download) and Next's standalone
# output (PIPEWATCH_STANDALONE=1, read by next.config.ts).
FROM base AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 \
    PIPEWATCH_STANDALONE=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN node bin/prisma-generate.mjs && npm run build

# runtime: the standalone server, its static files and the migrations it applies at start
# (instrumentation.ts reads prisma/migrations from the working directory). No sources, no
# dev dependencies, no secrets: configuration comes from the environment at run time.
FROM base AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOST=0.0.0.0 \
    HOSTNAME=0.0.0.0 \
    PORT=3000
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/prisma/migrations ./prisma/migrations
# The application files stay root's (read-only to the server); only Next's cache directory is
# writable by the unprivileged `node` user (uid 1000) the base image provides.
RUN mkdir -p .next/cache && chown node:node .next/cache
USER node
EXPOSE 3000
# 200 from /api/health: the database answers and its schema is current (503 otherwise).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "server.js"]
