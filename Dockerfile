# syntax=docker/dockerfile:1
# The service image: `docker build -t lead-manager .`, then ROLE=web|worker|all picks what a container does
# (README, "Deploying"). test/e2e/production-build.test.ts runs what this image runs, without building it.
ARG NODE_IMAGE=node:24-slim

# Compiles src/ to dist/ with the dev dependencies (TypeScript); none of them reach the final image.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build

# Production dependencies only; no install scripts, so nothing is built or downloaded for this Node version.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE}
ENV NODE_ENV=production PORT=3000 DATA_DIR=/app/data
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json app.json ./
COPY webhooks ./webhooks
COPY --from=build /app/dist ./dist
# The embedded database lives here when DATABASE_URL is unset (sandbox mode, a single instance).
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/readyz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "--max-old-space-size=1024", "dist/main.js"]
