#!/usr/bin/env bash
# Runs the whole test suite. As root on a machine without them, first installs what the tests
# use from Debian's packages: PostgreSQL (the fixture starts its own throw-away cluster),
# Chromium (Playwright drives it; no browser is ever downloaded) and Korean fonts for screenshots.
# Then publishes the app to a temporary folder (the run fails if publishing does) and runs the tests.
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

# Publish once, as the README's deploy section does, so that a change breaking `dotnet publish`
# fails the run; PublishedAppTests then starts the published app from another folder.
published="$(mktemp -d "${TMPDIR:-/tmp}/sellerbridge-published.XXXXXX")"
trap 'rm -rf "$published"' EXIT
echo "Publishing src/SellerBridge.Web to $published"
dotnet publish src/SellerBridge.Web -c Release -o "$published" --nologo -v quiet
export SELLERBRIDGE_PUBLISHED_APP="$published"

dotnet test SellerBridge.sln "$@"
