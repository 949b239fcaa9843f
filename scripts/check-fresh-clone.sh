#!/usr/bin/env bash
# What a new user does first, on a fresh clone of the committed tree: `npm ci` with the
# committed lockfile (it refuses a lockfile that misses a package, such as another
# platform's optional Biome binary), then `npx borda --version`. npm links the `borda` bin
# before `prepare` builds dist/, so the bin is a committed wrapper (packages/cli/bin/borda.js).
#
#   scripts/check-fresh-clone.sh            # clones HEAD of this repository
#   scripts/check-fresh-clone.sh --in-place # this checkout is the fresh clone, and `npm ci`
#                                           # already ran in it (.ci/run: no second build)
#
# Takes a few minutes: better-sqlite3 builds from source. npm's cache is shared, so the
# packages themselves come from it (--prefer-offline) when an earlier install fetched them.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
if [ "${1:-}" = "--in-place" ]; then
  cd "$repo"
else
  clone="$(mktemp -d)"
  trap 'rm -rf "$clone"' EXIT
  git clone --quiet "$repo" "$clone"
  cd "$clone"
  echo "== fresh clone: npm ci"
  npm ci --no-audit --no-fund --prefer-offline --loglevel=error >/dev/null
fi
echo "== fresh clone: npx borda --version"
version="$(npx --no-install borda --version)"
expected="$(node -p 'require("./packages/cli/package.json").version')"
if [ "$version" != "$expected" ]; then
  echo "check-fresh-clone: npx borda --version answered '$version', expected '$expected'" >&2
  exit 1
fi
echo "== fresh clone: npm ci and npx borda --version ($version) work"
