# Sourced by scripts/ensure-*.sh: installs one Debian package for the tests, as root or through sudo.
# apt_install PACKAGE PURPOSE MISSING_HINT: PURPOSE says what it is for; MISSING_HINT what to do where
# apt-get cannot run.

apt_install() {
  local package=$1 purpose=$2 hint=$3
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "$hint (apt-get install $package needs root or sudo)." >&2
      exit 1
    fi
    sudo=(sudo)
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "$hint (apt-get is not available)." >&2
    exit 1
  fi
  echo "Installing Debian's $package package for $purpose..."
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
}
