#!/usr/bin/env bash
# The end-to-end tests drive the system Chromium through playwright-core (a browser download cannot
# work here). Installs Debian's chromium package when it is missing.
set -euo pipefail

chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
[ -x "$chromium" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "Chromium is missing at $chromium: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH." >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Chromium is missing at $chromium and apt-get is not available: install Chromium and set CHROMIUM_PATH." >&2
  exit 1
fi
echo "Installing Debian's chromium package for the end-to-end tests..."
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
"$chromium" --version
