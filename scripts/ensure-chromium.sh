#!/usr/bin/env bash
# The end-to-end tests drive the system Chromium through playwright-core (a browser download cannot
# work here). Installs Debian's chromium package when it is missing.
set -euo pipefail
source "$(dirname "$0")/lib/apt-install.sh"

chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
[ -x "$chromium" ] && exit 0

apt_install chromium "the end-to-end tests" "Chromium is missing at $chromium: install Chromium and set CHROMIUM_PATH"
"$chromium" --version
