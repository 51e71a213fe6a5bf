#!/usr/bin/env bash
# Installs the real servers and clients the integration tests and benchmarks drive
# (see docs/TESTING.md). Idempotent: skips what is already present.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

# chromium: the admin page's browser tests drive Debian's build through Playwright (no browser download).
apt_packages=(rabbitmq-server amqp-tools icecast2 libshout-tools libshout-dev ezstream
  sox libsox-fmt-mp3 lame mpg123 libmpg123-0 espeak-ng ffmpeg wrk nginx curl gcc pkg-config
  chromium)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# PostgreSQL's server programs (any version) for the cluster tests.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# pouchdb-server speaks CouchDB's HTTP API; kept in a project-local tools folder.
tools="$here/.tools"
mkdir -p "$tools"
if [ ! -x "$tools/node_modules/.bin/pouchdb-server" ]; then
  (cd "$tools" && npm install pouchdb-server@4.2.0 --ignore-scripts --no-audit --no-fund --silent >/dev/null)
fi

# modshout-client makes exactly the libshout calls FreeSWITCH's mod_shout makes; its source is
# part of the tests (tests/Tools/modshout-client). Rebuilt when the source is newer than the
# binary or differs from the source it was built from (a checkout can make a source older).
client_src="$here/tests/Tools/modshout-client/modshout-client.c"
client="$tools/modshout-client"
client_sum=$(sha256sum "$client_src" | cut -d' ' -f1)
if [ ! -x "$client" ] || [ "$client_src" -nt "$client" ] || [ "$(cat "$client.sha256" 2>/dev/null)" != "$client_sum" ]; then
  echo "building $client"
  gcc -O2 -Wall -Wextra -o "$client.tmp" "$client_src" $(pkg-config --cflags --libs shout)
  mv "$client.tmp" "$client"
  echo "$client_sum" > "$client.sha256"
fi
echo "test dependencies ready in $tools"
