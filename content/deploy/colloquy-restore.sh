#!/usr/bin/env bash
# Restores one backup copy into DATABASE_PATH and UPLOADS_DIR (the restore drill; see README, Deploying).
#   sudo systemctl stop colloquy
#   sudo -u colloquy env $(cat /etc/colloquy/colloquy.env | xargs) content/deploy/colloquy-restore.sh /var/backups/colloquy/daily/colloquy-…
#   sudo systemctl start colloquy        (migrations newer than the copy run on start)
# The current database and uploads, if any, are moved aside (…before-restore-<time>), never deleted.
set -euo pipefail
umask 077

src="${1:?usage: colloquy-restore.sh BACKUP-FOLDER (holding colloquy.db and uploads/)}"
APP_DIR="${APP_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
cd "$APP_DIR"
db="${DATABASE_PATH:-./data/colloquy.db}"
uploads="${UPLOADS_DIR:-./data/uploads}"

[ -f "$src/colloquy.db" ] || { echo "No colloquy.db in $src" >&2; exit 1; }
npm run --silent backup -- --check "$src/colloquy.db"

if [ -e "$db" ] && command -v fuser >/dev/null && fuser -s "$db" 2>/dev/null; then
  echo "$db is open by a running process: stop the service first (systemctl stop colloquy)." >&2
  exit 1
fi

stamp="$(date -u +%Y-%m-%dT%H%M%SZ)"
mkdir -p "$(dirname "$db")" "$(dirname "$uploads")"
for f in "$db" "$db-wal" "$db-shm"; do
  if [ -e "$f" ]; then mv "$f" "$f.before-restore-$stamp"; echo "moved aside: $f.before-restore-$stamp"; fi
done
if [ -e "$uploads" ]; then
  mv "$uploads" "$uploads.before-restore-$stamp"
  echo "moved aside: $uploads.before-restore-$stamp"
fi

cp "$src/colloquy.db" "$db.restoring"
mv "$db.restoring" "$db"
if [ -d "$src/uploads" ]; then
  cp -a "$src/uploads" "$uploads"
else
  mkdir -p "$uploads"
fi
echo "Restored $src into $db and $uploads. Start the service; pending migrations run on start."
