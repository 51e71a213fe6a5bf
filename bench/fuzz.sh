#!/usr/bin/env bash
# Hostile-input campaign: starts a Release silo (directory store, embedded clustering) with a
# private RabbitMQ node for its bus, then runs tests/Fuzz against it: mutated HTTP heads, admin
# JSON, SHOUT dialogues, audio uploads and Kazoo bus messages, checking after every batch that the
# silo still plays a control item byte-exact, answers health, lives, stays under the RSS bound,
# and that no input hung or got an unexpected 5xx. Exit code 0 when clean.
#
# Env (defaults): INPUTS=100000 SEED=<random, printed> BATCH=500 PARALLEL=8 DEADLINE=15 (s per
#                 input) MAX_RSS_MB=1024 ALLOW_5XX=501,503,505 HEALTH_TIMEOUT=60
#                 MEDIAORLEANS_API_KEY (sent as "Authorization: Bearer" on admin requests, if set)
# Replay one failing campaign with the seed it printed: SEED=<seed> bench/fuzz.sh
# Output and the silo log go to bench/results/fuzz-<UTC time>/ (git-ignored).
set -euo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"

INPUTS=${INPUTS:-100000}
SEED=${SEED:-$((RANDOM * 32768 + RANDOM))}
BATCH=${BATCH:-500}
PARALLEL=${PARALLEL:-8}
DEADLINE=${DEADLINE:-15}
MAX_RSS_MB=${MAX_RSS_MB:-1024}
ALLOW_5XX=${ALLOW_5XX:-501,503,505}
HEALTH_TIMEOUT=${HEALTH_TIMEOUT:-60}

bench_output_dir fuzz

for tool in dotnet curl ss epmd "$rabbit_bin/rabbitmq-server" "$rabbit_bin/rabbitmqctl"; do
  command -v "$tool" >/dev/null || { echo "missing $tool (run scripts/install-test-deps.sh)" >&2; exit 1; }
done

tmp=$(mktemp -d /tmp/bench-fuzz.XXXXXX)
exec 3>&2 # the script's stderr, for the exit trap
silo_pid=""

log() { echo "[fuzz] $*" >&3; }

rabbit_setup "$tmp" benchfuzz

cleanup() {
  local rc=$?
  stop_pid "$silo_pid"
  rabbit_stop
  wait 2>/dev/null || true
  cp "$tmp/silo.log" "$out/" 2>/dev/null || true
  [ "$rc" -eq 0 ] || echo "fuzz: FAILED (rc=$rc, seed $SEED); output and silo log in $out" >&3
  rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log "seed $SEED, $INPUTS inputs"
log "building the silo and tests/Fuzz (Release)"
build_release "$repo/src/Silo"
build_release "$repo/tests/Fuzz"
silo_dll="$repo/src/Silo/bin/Release/net10.0/MediaOrleans.Silo.dll"
fuzz_dll="$repo/tests/Fuzz/bin/Release/net10.0/MediaOrleans.Fuzz.dll"

log "starting RabbitMQ node $rabbit_node on 127.0.0.1:$amqp_port"
rabbit_start "$tmp/rabbitmq-start.log" ||
  { log "RabbitMQ did not start"; exit 1; }
uri="amqp://guest:guest@127.0.0.1:$amqp_port"

export Media__Bus__Uri="$uri"
start_silo
deadline=$((SECONDS + HEALTH_TIMEOUT))
until curl -fsS --max-time 2 "$base/api/health" 2>/dev/null | grep -q '"bus":"connected"'; do
  [ "$SECONDS" -lt "$deadline" ] || { log "silo bus not connected: $(curl -s "$base/api/health")"; exit 1; }
  sleep 0.2
done
unset Media__Bus__Uri

set +e
dotnet "$fuzz_dll" --http-port "$http_port" --shout-port "$shout_port" --pid "$silo_pid" --bus-uri "$uri" \
  --inputs "$INPUTS" --seed "$SEED" --batch "$BATCH" --parallel "$PARALLEL" --deadline-seconds "$DEADLINE" \
  --max-rss-mb "$MAX_RSS_MB" --allow-5xx "$ALLOW_5XX" | tee "$out/fuzz.txt"
rc=${PIPESTATUS[0]}
set -e
kill -0 "$silo_pid" 2>/dev/null || log "the silo process is gone"
log "report: $out/fuzz.txt"
exit "$rc"
