#!/usr/bin/env bash
# Installs the real servers and clients the integration tests and benchmarks drive
# (see docs/TESTING.md). Idempotent: skips what is already present.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

apt_packages=(rabbitmq-server amqp-tools icecast2 libshout-tools libshout-dev ezstream
  sox libsox-fmt-mp3 lame mpg123 libmpg123-0 espeak-ng ffmpeg wrk nginx curl gcc pkg-config)
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

# modshout-client makes exactly the libshout calls FreeSWITCH's mod_shout makes.
src="$here/../shared/tools/modshout-client.c"
if [ ! -x "$tools/modshout-client" ] || [ "$src" -nt "$tools/modshout-client" ]; then
  gcc -O2 -w -o "$tools/modshout-client" "$src" $(pkg-config --cflags --libs shout)
fi
echo "test dependencies ready in $tools"
