#!/usr/bin/env bash
# Until the first release there is no deployed database to upgrade, so the schema ships as one initial migration.
# Regenerates it from db/schema/*.ts; the lock keeps parallel work from generating at the same time.
set -euo pipefail
cd "$(dirname "$0")/.."
exec 9>/tmp/colloquy-generate.lock
flock 9
rm -rf db/migrations
npx drizzle-kit generate --config db/drizzle.config.ts --name init
