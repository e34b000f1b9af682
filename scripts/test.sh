#!/usr/bin/env bash
# Install everything the tests need, then run them. The README's test command, and what CI runs.
#
# System tools (Graphviz, Chromium, the Argdown CLI via npm) are installed when missing and we
# are root; elsewhere tests that need a missing tool are skipped locally but fail under CI=true.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(graphviz chromium git nodejs npm)

missing=()
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v git >/dev/null 2>&1 || missing+=(git)
command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
if ((${#missing[@]})); then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "installing system packages: ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "warning: not installed (tests that need them will skip): ${missing[*]}" >&2
    fi
fi
: "${SYSTEM_PACKAGES[@]}"

# The official Argdown command line, kept inside the project (ignored by git).
if command -v npm >/dev/null 2>&1 && [ ! -x .tools/node_modules/.bin/argdown ]; then
    mkdir -p .tools
    npm install --prefix .tools --no-audit --no-fund --loglevel=error @argdown/cli@1.7.5 >/dev/null \
        || echo "warning: could not install @argdown/cli" >&2
fi
# Mermaid's own renderer, loaded into headless Chromium to check the Mermaid export.
if command -v npm >/dev/null 2>&1 && [ ! -f .tools/node_modules/mermaid/dist/mermaid.min.js ]; then
    mkdir -p .tools
    npm install --prefix .tools --no-audit --no-fund --loglevel=error mermaid@11.17.2 >/dev/null \
        || echo "warning: could not install mermaid" >&2
fi

python3 -m pip install --quiet --disable-pip-version-check -e '.[test]'
exec python3 -m pytest -n auto "$@"
