# isms-bot: one process serving Slack and Microsoft Teams on one port, with its SQLite database on the /data volume.
# Build with `docker build -t isms-bot .`; how to run it, back it up and restore it is in README.md, "Deployment".

FROM node:20-slim AS build
WORKDIR /app
# better-sqlite3 is a native module: npm fetches a prebuilt binary, and compiles it with these when it cannot.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# The package's own `prepare` script would build before the sources are here: scripts off, then better-sqlite3's.
RUN npm ci --ignore-scripts && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY adapters ./adapters
COPY cli ./cli
RUN npm run build && npm prune --omit=dev --ignore-scripts

FROM node:20-slim
ENV NODE_ENV=production \
    PORT=3000 \
    ISMS_DB_PATH=/data/isms.db \
    ISMS_EXPORT_DIR=/data/exports
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY data ./data
COPY teams ./teams
# The database lives on a volume, never in the container's own layer; the bot runs as the image's unprivileged user.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# slim has no curl: Node asks /healthz itself.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM stops it gracefully within 8 s, inside `docker stop`'s default 10 s.
STOPSIGNAL SIGTERM
CMD ["node", "dist/cli/main.js", "start"]
