#!/usr/bin/env bash
# Failover: how soon URL requests are answered again after a silo goes away. Three silos on a
# private PostgreSQL (ADO.NET membership) share one data folder; ITEMS media items are uploaded
# through all three, so their grains are spread over them. Then:
#   1. SIGKILL of silo 3: every item is asked for a URL again through the two survivors until
#      each is answered (200); the time from the kill to each item's answer, p50/p99/max.
#   2. SIGTERM of silo 2 (graceful stop): the same through silo 1, from the moment silo 2 exited.
# Target (docs DESIGN.md "Performance targets"): after SIGKILL of 1 of 3 silos, URL requests
# answered again within 2 s p99. The integration tests (tests/Integration/Cluster) check that
# nothing is lost; this measures how long it takes.
#
# Env (defaults): ITEMS=30 HEALTH_TIMEOUT=90 DEADLINE=120 (s per phase)
# Raw samples and the markdown summary go to bench/results/failover-<UTC time>/ (git-ignored).
set -euo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"

ITEMS=${ITEMS:-30}
HEALTH_TIMEOUT=${HEALTH_TIMEOUT:-90}
DEADLINE=${DEADLINE:-120}

bench_output_dir failover
for tool in dotnet curl sox ss runuser "$pg_bin/initdb" "$pg_bin/pg_ctl"; do
  command -v "$tool" >/dev/null || { echo "missing $tool (run scripts/install-test-deps.sh)" >&2; exit 1; }
done

tmp=$(mktemp -d /tmp/bench-failover.XXXXXX)
exec 3>&2
silo_pids=()

log() { echo "[failover] $*" >&3; }

cleanup() {
  local rc=$?
  for pid in "${silo_pids[@]}"; do stop_pid "$pid"; done
  pg_stop
  wait 2>/dev/null || true
  if [ "$rc" -ne 0 ]; then
    cp "$tmp"/*.log "$out"/ 2>/dev/null || true
    echo "failover: FAILED (rc=$rc); logs in $out" >&3
  fi
  rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# p50, p99 (nearest rank) and max of the seconds in FILE, in ms.
percentiles() {
  sort -g "$1" | awk '{v[NR] = $1} END {
    i50 = int(NR * 0.50 + 0.999); i99 = int(NR * 0.99 + 0.999)
    printf "%.0f %.0f %.0f\n", v[i50] * 1000, v[i99] * 1000, v[NR] * 1000 }'
}

now() { date +%s.%N; }
since() { awk -v now="$(now)" -v start="$1" 'BEGIN { printf "%.3f\n", now - start }'; }

# Asks each item of ITEM_NAMES for a URL through the given HTTP bases (in turn) until every one is
# answered 200, writing each item's seconds since START to FILE.
until_all_answered() {
  local start=$1 file=$2; shift 2
  local bases=("$@") pending=("${item_names[@]}") left i status
  : >"$file"
  while ((${#pending[@]})); do
    awk -v e="$(since "$start")" -v d="$DEADLINE" 'BEGIN { exit !(e < d) }' ||
      { log "${#pending[@]} items unanswered after ${DEADLINE}s"; return 1; }
    left=()
    for i in "${!pending[@]}"; do
      status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -X POST -H 'Content-Type: application/json' \
        -d "{\"mediaName\":\"${pending[$i]}\"}" "${bases[$((i % ${#bases[@]}))]}/api/streams" || true)
      if [ "$status" = 200 ]; then
        since "$start" >>"$file"
      else
        left+=("${pending[$i]}")
      fi
    done
    pending=("${left[@]}")
    sleep 0.05
  done
}

# ---------------------------------------------------------------------------------------------
log "building the silo (Release)"
build_release "$repo/src/Silo"
silo_dll="$repo/src/Silo/bin/Release/net10.0/MediaOrleans.Silo.dll"
[ -f "$silo_dll" ] || { log "missing $silo_dll"; exit 1; }

log "starting PostgreSQL"
pg_start "$tmp"

export Orleans__Clustering__ProviderType=AdoNet Orleans__Clustering__Invariant=Npgsql \
  Orleans__Clustering__ConnectionString="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres" \
  Orleans__ClusterId=bench-failover Orleans__Endpoints__AdvertisedIPAddress=127.0.0.1
mkdir -p "$tmp/data"
bases=()
for n in 1 2 3; do
  http=$(free_port) shout=$(free_port) silo=$(free_port) gateway=$(free_port)
  (
    cd "$tmp"
    export Media__Http__Port=$http Media__Shout__Port=$shout Media__DataPath="$tmp/data" \
      Media__ListenAddress=127.0.0.1 Media__AdvertisedHost=127.0.0.1 \
      Orleans__Endpoints__SiloPort=$silo Orleans__Endpoints__GatewayPort=$gateway DOTNET_CLI_TELEMETRY_OPTOUT=1
    exec dotnet "$silo_dll"
  ) >"$tmp/silo$n.log" 2>&1 &
  silo_pids+=($!)
  bases+=("http://127.0.0.1:$http")
done
for n in 0 1 2; do
  wait_http_ok "${bases[$n]}/api/health" "${silo_pids[$n]}" "$HEALTH_TIMEOUT" "silo $((n + 1))"
done
log "3 silos healthy"

sox -n -r 8000 -c 1 -b 16 -e signed-integer "$tmp/tone.wav" synth 3 sine 440 vol 0.5
item_names=()
for i in $(seq 0 $((ITEMS - 1))); do
  item_names+=("bench/failover-$i")
  curl -fsS -o /dev/null -X PUT -H 'Content-Type: audio/wav' --data-binary @"$tmp/tone.wav" \
    "${bases[$((i % 3))]}/api/media/bench/failover-$i"
done
until_all_answered "$(now)" "$tmp/warm.txt" "${bases[0]}" "${bases[1]}"
log "$ITEMS items uploaded through every silo and asked for once"

log "SIGKILL of silo 3"
killed=$(now)
kill -KILL "${silo_pids[2]}"
{ wait "${silo_pids[2]}"; } 2>/dev/null || true # reaped quietly: the kill is the point
until_all_answered "$killed" "$tmp/after-kill.txt" "${bases[0]}" "${bases[1]}"

log "SIGTERM of silo 2"
kill -TERM "${silo_pids[1]}"
while kill -0 "${silo_pids[1]}" 2>/dev/null; do sleep 0.02; done
exited=$(now)
until_all_answered "$exited" "$tmp/after-stop.txt" "${bases[0]}"
cp "$tmp"/*.txt "$out"/

read -r k50 k99 kmax < <(percentiles "$tmp/after-kill.txt")
read -r s50 s99 smax < <(percentiles "$tmp/after-stop.txt")
summary="$out/summary.md"
{
  echo "### Failover, $stamp"
  echo
  echo "$(nproc) cores, 3 silos on PostgreSQL membership, $ITEMS items uploaded through every silo."
  echo
  echo "| after | every item answered again: p50 ms | p99 ms | max ms |"
  echo "|---|---:|---:|---:|"
  echo "| SIGKILL of 1 of 3 silos (from the kill) | $k50 | $k99 | $kmax |"
  echo "| SIGTERM of 1 of 2 silos (from its exit) | $s50 | $s99 | $smax |"
} >"$summary"
ln -sfn "$(basename "$out")" "$results/failover-latest"
cat "$summary"
