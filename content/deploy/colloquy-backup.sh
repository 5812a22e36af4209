#!/usr/bin/env bash
# Nightly backup with rotation (run by systemd/colloquy-backup.timer; safe to run by hand at any time).
#   BACKUP_DIR=/var/backups/colloquy content/deploy/colloquy-backup.sh
# Each run writes BACKUP_DIR/daily/colloquy-<UTC time>/ holding colloquy.db (SQLite's online backup, checked with
# PRAGMA integrity_check) and uploads/ (hard-linked from the previous copy where unchanged). When the newest weekly
# copy is a week old or missing, tonight's copy also becomes a weekly one (hard links, no extra space). Then only
# the newest KEEP_DAILY (7) daily and KEEP_WEEKLY (4) weekly copies are kept. Run from the app's folder with the
# service's environment (DATABASE_PATH, UPLOADS_DIR). Exits non-zero, keeping every older copy, if anything fails.
set -euo pipefail
umask 077

BACKUP_DIR="${BACKUP_DIR:-/var/backups/colloquy}"
KEEP_DAILY="${KEEP_DAILY:-7}"
KEEP_WEEKLY="${KEEP_WEEKLY:-4}"
APP_DIR="${APP_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
cd "$APP_DIR"

mkdir -p "$BACKUP_DIR/daily" "$BACKUP_DIR/weekly"
stamp="$(date -u +%Y-%m-%dT%H%M%SZ)"
name="colloquy-$stamp"
target="$BACKUP_DIR/daily/$name"

# Copies sort by name = by time. The newest earlier daily copy lends its unchanged uploads.
newest() { find "$1" -mindepth 1 -maxdepth 1 -type d -name 'colloquy-*' -printf '%f\n' | sort | tail -n 1; }
previous="$(newest "$BACKUP_DIR/daily")"

link_args=()
[ -n "$previous" ] && link_args=(--link-dest "$BACKUP_DIR/daily/$previous")
if ! npm run --silent backup -- --dir "$target.partial" "${link_args[@]}"; then
  rm -rf "$target.partial"
  echo "colloquy-backup: FAILED; older copies are untouched" >&2
  exit 1
fi
# Checked once more as stored, so a copy on a failing disk is noticed tonight rather than on restore day.
npm run --silent backup -- --check "$target.partial/colloquy.db"
mv "$target.partial" "$target"

weekly="$(newest "$BACKUP_DIR/weekly")"
week_ago="$(date -u -d '6 days ago' +%Y-%m-%d)"
weekly_day="${weekly#colloquy-}"
weekly_day="${weekly_day:0:10}"
if [ -z "$weekly" ] || [[ "$weekly_day" < "$week_ago" ]]; then
  cp -al "$target" "$BACKUP_DIR/weekly/$name"
  echo "colloquy-backup: also kept as this week's copy (weekly/$name)"
fi

prune() {
  local dir="$1" keep="$2"
  find "$dir" -mindepth 1 -maxdepth 1 -type d -name 'colloquy-*' ! -name '*.partial' -printf '%f\n' | sort -r |
    tail -n +"$((keep + 1))" | while read -r old; do
      rm -rf "${dir:?}/$old"
      echo "colloquy-backup: removed $(basename "$dir")/$old"
    done
}
prune "$BACKUP_DIR/daily" "$KEEP_DAILY"
prune "$BACKUP_DIR/weekly" "$KEEP_WEEKLY"
# Partial copies left by an interrupted run (power cut) are never restorable.
find "$BACKUP_DIR/daily" -mindepth 1 -maxdepth 1 -type d -name '*.partial' -mmin +60 -exec rm -rf {} +

echo "colloquy-backup: ok, $target ($(du -sh "$target" | cut -f1))"
