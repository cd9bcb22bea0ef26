# The API, the worker and the 17TRACK simulator share one image (docker-compose.yml picks the command).
FROM node:20-bookworm-slim
WORKDIR /app
ENV SKIP_TEMPORAL_INSTALL=1 NODE_ENV=production
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts ./scripts
RUN npm ci --no-audit --no-fund
COPY . .
EXPOSE 3000
CMD ["npm", "run", "api"]
