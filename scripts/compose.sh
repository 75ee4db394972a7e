#!/usr/bin/env bash
# `make docker-*`: docker compose on docker-compose.yml, with a clear message where Docker or its
# compose plugin is missing. The team stack's secrets come from .env (see .env.example).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v docker >/dev/null 2>&1; then
  echo "Docker is not installed: the team stack needs Docker Engine with the compose plugin (docs.docker.com/engine/install)." >&2
  exit 1
fi
if ! docker compose version >/dev/null 2>&1; then
  echo "'docker compose' is not available: install Docker's compose plugin (docker-compose-plugin)." >&2
  exit 1
fi
if [ ! -f .env ]; then
  echo "No .env: copy .env.example to .env and fill in its 'Team server' section first." >&2
  exit 1
fi
exec docker compose "$@"
