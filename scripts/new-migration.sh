#!/usr/bin/env bash
# Writes the next migration from the change to prisma/schema.prisma since the last commit, with Prisma's own
# `migrate diff` (offline: no shadow database). Usage: npm run migration:new -- <name>
# The pg adapter in prisma.config.ts connects even for a diff, so DATABASE_URL must reach some PostgreSQL.
set -euo pipefail
name=${1:?usage: npm run migration:new -- <name>}
cd "$(dirname "$0")/.."
previous=$(mktemp --suffix=.prisma)
git show HEAD:prisma/schema.prisma > "$previous"
dir="prisma/migrations/$(date -u +%Y%m%d%H%M%S)_${name}"
mkdir -p "$dir"
DATABASE_URL=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres} \
  npx prisma migrate diff --from-schema-datamodel "$previous" --to-schema-datamodel prisma/schema.prisma --script > "$dir/migration.sql"
rm -f "$previous"
echo "wrote $dir/migration.sql"
