#!/usr/bin/env bash
# Assembles the production UI into one self-contained folder (the Docker image's /app, ui/Dockerfile):
#   <dest>/node_modules        what Next's file tracer found the server needs (.next/standalone)
#   <dest>/ui/.next            the server build, plus the static assets standalone leaves out
#   <dest>/ui/dist/server.js   MLTrack's own server (ui/server.ts, everything but `next` bundled in)
# Run after `npm run build:ui`; start with `node ui/dist/server.js` from <dest>.
# Only these are copied: the tracer also copies ui/'s sources into .next/standalone (the deploy engine
# looks for a .venv upwards from the working directory, a path it cannot know), and none are needed.
set -euo pipefail
cd "$(dirname "$0")/.."

dest=${1:?usage: scripts/assemble-standalone.sh <destination folder>}
standalone=ui/.next/standalone
for built in "$standalone/ui/.next/server" ui/.next/static ui/dist/server.js; do
  [ -e "$built" ] || { echo "$built is missing: run \`npm run build:ui\` first." >&2; exit 1; }
done

rm -rf "$dest"
mkdir -p "$dest/ui"
cp -a "$standalone/node_modules" "$dest/node_modules"
cp -a "$standalone/ui/.next" "$dest/ui/.next"
cp -a ui/.next/static "$dest/ui/.next/static"
cp -a ui/dist "$dest/ui/dist"
cp ui/package.json "$dest/ui/package.json"
if [ -d ui/public ]; then cp -a ui/public "$dest/ui/public"; fi
echo "Assembled the UI in $dest ($(du -sh "$dest" | cut -f1))."
