# syntax=docker/dockerfile:1
# Dr. Turn production image. Two targets from one build:
#   app    (default) — .next/standalone/server.js: the Next.js server with only the files it uses.
#   worker           — the job queue's worker (`npm run worker`), for JOBS_IN_APP=false deployments.
# Build: docker build -t dr-turn:app --build-arg NEXT_SERVER_ACTIONS_ENCRYPTION_KEY=$(openssl rand -base64 32) .
# Every instance behind one balancer must run the same image (same build id, same server-action key).
# Node 24: the major the npm scripts run on (devDependency "node", engines >=24).
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
# Next.js embeds the server-actions key in the build: every instance of one deployment needs the same one.
ARG NEXT_SERVER_ACTIONS_ENCRYPTION_KEY
ENV NEXT_TELEMETRY_DISABLED=1 NEXT_SERVER_ACTIONS_ENCRYPTION_KEY=${NEXT_SERVER_ACTIONS_ENCRYPTION_KEY}
RUN npm run build

# The worker runs the TypeScript sources with tsx (a devDependency), so it keeps the full node_modules.
FROM deps AS worker
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
COPY --chown=node:node . .
USER node
# What `npm run worker` runs, without npm in between: SIGTERM reaches the worker, which finishes its jobs.
CMD ["node_modules/.bin/tsx", "--conditions=react-server", "lib/jobs/worker-cli.ts"]

FROM ${NODE_IMAGE} AS app
WORKDIR /app
# NEXT_MANUAL_SIG_HANDLE: SIGTERM runs the app's drain (lib/ops/drain.ts): health 503, in-flight requests
# finish, the pool closes, exit 0 — instead of Next.js closing the listener at once.
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    NEXT_MANUAL_SIG_HANDLE=true
# The image's own non-root user (uid 1000); the app writes nothing outside the database.
COPY --from=build --chown=node:node /app/.next/standalone ./
COPY --from=build --chown=node:node /app/.next/static ./.next/static
COPY --from=build --chown=node:node /app/public ./public
# Traced into the standalone output too (outputFileTracingIncludes); copied for clarity: the app migrates at start.
COPY --from=build --chown=node:node /app/db/migrations ./db/migrations
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "server.js"]
