#!/usr/bin/env node
// The `mltrack` command. A committed file, so npm links it in a fresh workspace before the SDK is
// built (a bin pointing into dist/ is skipped then, and `npx mltrack` would look on the registry).
import "../dist/cli/index.js";
