#!/usr/bin/env bash
# Time to first byte of media stored in CouchDB: cold (the first request for an item, its grain
# loading the attachment from the store) and warm (the grain holds it), p50/p99, side by side
# with the time the store itself takes to serve the whole attachment directly. The store is
# pouchdb-server (CouchDB's HTTP API) on loopback; every cold sample is a document of its own
# (server-side COPY of one upload), so each one really loads from the store.
# Target (docs DESIGN.md "Performance targets"): warm p99 <= 2 ms; cold well below the whole fetch.
#
# Env (defaults): SIZE_MB=16 COLD=10 WARM=20 (warm requests per item) HEALTH_TIMEOUT=60
# Raw samples and the markdown summary go to bench/results/ (git-ignored).
set -euo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"

SIZE_MB=${SIZE_MB:-16}
COLD=${COLD:-10}
WARM=${WARM:-20}
HEALTH_TIMEOUT=${HEALTH_TIMEOUT:-60}

bench_output_dir couchdb-first-byte
pouchdb="$repo/.tools/node_modules/.bin/pouchdb-server"

for tool in dotnet node sox curl ss; do
  command -v "$tool" >/dev/null || { echo "missing $tool (run scripts/install-test-deps.sh)" >&2; exit 1; }
done
[ -e "$pouchdb" ] || { echo "missing $pouchdb (run scripts/install-test-deps.sh)" >&2; exit 1; }

tmp=$(mktemp -d /tmp/bench-couchdb-first-byte.XXXXXX)
exec 3>&2
silo_pid=""
couch_pid=""

cleanup() {
  local rc=$?
  stop_pid "$silo_pid"
  stop_pid "$couch_pid"
  wait 2>/dev/null || true
  if [ "$rc" -ne 0 ]; then
    cp "$tmp"/*.log "$out"/ 2>/dev/null || true
    echo "couchdb-first-byte: FAILED (rc=$rc); logs in $out" >&3
  fi
  rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log() { echo "[couchdb-first-byte] $*" >&3; }

# p50 and p99 (nearest rank) of the numbers in FILE, in ms with one decimal.
percentiles() {
  sort -g "$1" | awk '{v[NR] = $1} END {
    i50 = int(NR * 0.50 + 0.999); i99 = int(NR * 0.99 + 0.999)
    if (i50 < 1) i50 = 1; if (i99 < 1) i99 = 1
    printf "%.1f %.1f\n", v[i50] * 1000, v[i99] * 1000 }'
}

# ---------------------------------------------------------------------------------------------
log "building the silo (Release)"
build_release "$repo/src/Silo"
silo_dll="$repo/src/Silo/bin/Release/net10.0/MediaOrleans.Silo.dll"
[ -f "$silo_dll" ] || { log "missing $silo_dll"; exit 1; }

couch_port=$(free_port)
log "starting pouchdb-server on 127.0.0.1:$couch_port"
mkdir -p "$tmp/couch/db"
(cd "$tmp/couch" && exec node "$pouchdb" --host 127.0.0.1 --port "$couch_port" --dir "$tmp/couch/db" \
  --config "$tmp/couch/config.json" --no-stdout-logs) >"$tmp/pouchdb.log" 2>&1 &
couch_pid=$!
wait_http_ok "http://127.0.0.1:$couch_port/" "$couch_pid" 30 "pouchdb-server"
user=benchadmin password=bench-$RANDOM$RANDOM
curl -fsS -X PUT "http://127.0.0.1:$couch_port/_config/admins/$user" -d "\"$password\"" >/dev/null
couch="http://$user:$password@127.0.0.1:$couch_port"
curl -fsS -X PUT "$couch/system_media" >/dev/null

log "making a ${SIZE_MB} MB WAV and $COLD documents holding it"
sox -n -r 8000 -c 1 -b 16 -e signed-integer "$tmp/large.wav" synth $((SIZE_MB * 1000000 / 16000 + 1)) sine 440 vol 0.5
bytes=$(stat -c %s "$tmp/large.wav")
curl -fsS -H 'Expect:' -X PUT -H 'Content-Type: audio/wav' --data-binary @"$tmp/large.wav" \
  "$couch/system_media/bench-0/bench-0.wav" >/dev/null
for i in $(seq 1 "$COLD"); do
  curl -fsS -X COPY -H "Destination: bench-$i" "$couch/system_media/bench-0" >/dev/null
done

export Media__Store__Kind=CouchDb Media__CouchDb__Url="$couch"
start_silo

: >"$tmp/direct-first.txt"; : >"$tmp/direct-whole.txt"; : >"$tmp/cold.txt"; : >"$tmp/cold-whole.txt"; : >"$tmp/warm.txt"
for i in $(seq 1 "$COLD"); do
  # The store serving the whole attachment itself (what a media server that buffers must wait for).
  read -r first whole size < <(curl -fsS -o /dev/null -w '%{time_starttransfer} %{time_total} %{size_download}\n' \
    "$couch/system_media/bench-$i/bench-0.wav")
  [ "$size" = "$bytes" ] || { log "pouchdb sent $size of $bytes bytes"; exit 1; }
  echo "$first" >>"$tmp/direct-first.txt"; echo "$whole" >>"$tmp/direct-whole.txt"

  url=$(curl -fsS -X POST -H 'Content-Type: application/json' -d "{\"mediaName\":\"system_media/bench-$i\"}" "$base/api/streams" \
    | sed -n 's/.*"url"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p')
  case "$url" in "$base"/m/*) ;; *) log "no URL for bench-$i"; exit 1 ;; esac
  read -r first whole size < <(curl -fsS -o "$tmp/body" -w '%{time_starttransfer} %{time_total} %{size_download}\n' "$url")
  [ "$size" = "$bytes" ] && cmp -s "$tmp/body" "$tmp/large.wav" || { log "silo body for bench-$i differs"; exit 1; }
  echo "$first" >>"$tmp/cold.txt"; echo "$whole" >>"$tmp/cold-whole.txt"
  for _ in $(seq 1 "$WARM"); do
    curl -fsS -o /dev/null -w '%{time_starttransfer}\n' "$url" >>"$tmp/warm.txt"
  done
  log "item $i/$COLD done"
done
cp "$tmp"/*.txt "$out"/

read -r df50 df99 < <(percentiles "$tmp/direct-first.txt")
read -r dw50 dw99 < <(percentiles "$tmp/direct-whole.txt")
read -r c50 c99 < <(percentiles "$tmp/cold.txt")
read -r cw50 cw99 < <(percentiles "$tmp/cold-whole.txt")
read -r w50 w99 < <(percentiles "$tmp/warm.txt")
summary="$out/summary.md"
{
  echo "### CouchDB first byte, $stamp"
  echo
  echo "$(nproc) cores, $bytes-byte WAV attachment, pouchdb-server 4.2.0 (LevelDB) on loopback, $COLD cold items, $WARM warm requests each."
  echo
  echo "| measurement | p50 ms | p99 ms |"
  echo "|---|---|---|"
  echo "| pouchdb serving the attachment directly: first byte | $df50 | $df99 |"
  echo "| pouchdb serving the attachment directly: whole attachment | $dw50 | $dw99 |"
  echo "| silo, cold (grain loads from CouchDB): first byte | $c50 | $c99 |"
  echo "| silo, cold: whole body | $cw50 | $cw99 |"
  echo "| silo, warm (grain holds the item): first byte | $w50 | $w99 |"
} >"$summary"
ln -sfn "$(basename "$out")" "$results/couchdb-first-byte-latest"
cat "$summary"
