#!/usr/bin/env bash
# The auth store's integration tests start a throwaway PostgreSQL server (tests/support/postgres.ts).
# Installs Debian's postgresql package when no server binary is found.
set -euo pipefail

has_server() {
  local bindir
  bindir=$(pg_config --bindir 2>/dev/null || true)
  [ -n "$bindir" ] && [ -x "$bindir/initdb" ] && [ -x "$bindir/pg_ctl" ] && return 0
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null
}
has_server && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "PostgreSQL is missing: install Debian's postgresql package (apt-get install postgresql)." >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "PostgreSQL is missing and apt-get is not available: install a PostgreSQL server (initdb, pg_ctl, postgres)." >&2
  exit 1
fi
echo "Installing Debian's postgresql package for the auth store's integration tests..."
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
if ! has_server; then
  echo "Installed postgresql, but no initdb/pg_ctl was found under /usr/lib/postgresql/*/bin." >&2
  exit 1
fi
