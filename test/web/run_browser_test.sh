#!/usr/bin/env bash
# ctest's web.browser: runs browser_test.mjs with Debian's chromium and node. Exit 77 (skipped) only
# when node or chromium is not installed; installs the npm packages (npm ci) if they are missing.
#   run_browser_test.sh MNIST_WEB MNIST_INFERENCE DATA_DIR OUT_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
web="$1" cli="$2" data="$3" out="$4"
for tool in node npm /usr/bin/chromium; do
  if ! command -v "$tool" > /dev/null; then
    echo "SKIPPED: $tool is not installed (scripts/install-deps installs nodejs and chromium)"
    exit 77
  fi
done
if [ ! -d "$here/node_modules/playwright-core" ]; then
  (cd "$here" && npm ci --no-audit --no-fund)
fi
# The model: the tree's models/mnist_q8.json if there is one, else one trained once into OUT_DIR.
model="$here/../../models/mnist_q8.json"
[ -f "$model" ] || model="$out/mnist_q8.json"
exec node "$here/browser_test.mjs" "$web" "$cli" "$model" "$data" "$out"
