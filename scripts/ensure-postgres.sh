#!/usr/bin/env bash
# The auth store's integration tests start a throwaway PostgreSQL server (tests/support/postgres.ts).
# Installs Debian's postgresql package when no server binary is found.
set -euo pipefail
source "$(dirname "$0")/lib/apt-install.sh"

has_server() {
  local bindir
  bindir=$(pg_config --bindir 2>/dev/null || true)
  [ -n "$bindir" ] && [ -x "$bindir/initdb" ] && [ -x "$bindir/pg_ctl" ] && return 0
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null
}
has_server && exit 0

apt_install postgresql "the auth store's integration tests" \
  "PostgreSQL is missing: install a PostgreSQL server (initdb, pg_ctl, postgres)"
if ! has_server; then
  echo "Installed postgresql, but no initdb/pg_ctl was found under /usr/lib/postgresql/*/bin." >&2
  exit 1
fi
