#!/usr/bin/env bash
# Runs the whole test suite. As root on a machine without them, first installs what the tests
# use from Debian's packages: PostgreSQL (the fixture starts its own throw-away cluster),
# Chromium (Playwright drives it; no browser is ever downloaded) and Korean fonts for screenshots.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing missing test dependencies: ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "Not installing ${need[*]} (needs root and apt-get); tests that need them will be reported as skipped."
  fi
fi

dotnet test SellerBridge.sln "$@"
