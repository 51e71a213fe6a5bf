#!/usr/bin/env bash
# Chaos soak: three Release silos on a private PostgreSQL (ADO.NET membership) with their media in
# a private pouchdb-server (CouchDB's API), their shared recording spool on a size-limited tmpfs
# and their bus on a private RabbitMQ node, under mixed load for DURATION_MINUTES while faults are
# injected from SEED: concurrent recordings from modshout-client (paced like mod_shout), each
# stored as media and read back; WAV plays over HTTP and MP3 plays over SHOUT, each body checked
# byte for byte; media_req and record_req on the bus, each reply matched by Msg-ID; a listener on
# a continuous (extant) stream checked with ffmpeg; RSS and open descriptors of every silo.
# Faults, one at a time: SIGKILL of a silo and its restart, SIGSTOP of a silo for seconds then
# SIGCONT, a RabbitMQ stop and start, a pouchdb-server crash (SIGKILL) and restart after 10-30 s,
# the spool's tmpfs filled to its last byte for seconds. Everything goes to a history
# (history.jsonl) that tests/Soak checks against the invariants (docs/TESTING.md, "Chaos soak");
# the report gives operations, faults, violations with their history lines, and p50/p99 per
# operation inside and outside fault windows. Exit code 0 when the history holds no violation.
# Needs root (PostgreSQL runs as the postgres user; the tmpfs is mounted).
#
# Env (defaults): DURATION_MINUTES=10 SEED=<random, printed> FAULTS=kill,pause,broker-restart,store-outage,disk-full
#                 FAILOVER_WINDOW_SECONDS=3 MAX_RSS_SLOPE_MB=2 (MB/min) MAX_FD_SLOPE=5 (per min) SPOOL_MB=256
# Replay a run with the seed it printed: SEED=<seed> bash bench/soak.sh
# History, report and silo logs go to bench/results/soak-<UTC time>/ (git-ignored).
set -euo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"

DURATION_MINUTES=${DURATION_MINUTES:-10}
SEED=${SEED:-$((RANDOM * 32768 + RANDOM))}
FAULTS=${FAULTS:-kill,pause,broker-restart,store-outage,disk-full}
FAILOVER_WINDOW_SECONDS=${FAILOVER_WINDOW_SECONDS:-3}
MAX_RSS_SLOPE_MB=${MAX_RSS_SLOPE_MB:-2}
MAX_FD_SLOPE=${MAX_FD_SLOPE:-5}
SPOOL_MB=${SPOOL_MB:-256}

bench_output_dir soak
modshout="$repo/.tools/modshout-client"
pouchdb="$repo/.tools/node_modules/.bin/pouchdb-server"
for tool in dotnet curl ss sox lame ffmpeg epmd node runuser mount "$pg_bin/initdb" "$pg_bin/pg_ctl" "$rabbit_bin/rabbitmq-server" "$rabbit_bin/rabbitmqctl" "$modshout" "$pouchdb"; do
  command -v "$tool" >/dev/null || { echo "missing $tool (run scripts/install-test-deps.sh)" >&2; exit 1; }
done
[ "$(id -u)" -eq 0 ] || { echo "bench/soak.sh needs root (PostgreSQL as the postgres user, a tmpfs for the spool)" >&2; exit 1; }

tmp=$(mktemp -d /tmp/bench-soak.XXXXXX)
exec 3>&2
spool_mounted=""

log() { echo "[soak] $*" >&3; }

# The fault injector stops and starts RabbitMQ and pouchdb-server through these two scripts,
# which carry this run's ports and directories.
rabbit_setup "$tmp" benchsoak
cat >"$tmp/broker.sh" <<BROKER
#!/usr/bin/env bash
set -e
. "$repo/bench/lib.sh"
log() { echo "\$*" >&2; }
rabbit_dir="$rabbit_dir" rabbit_node="$rabbit_node" amqp_port="$amqp_port" rabbit_dist_port="$rabbit_dist_port" rabbit_epmd_port="$rabbit_epmd_port"
case "\$1" in
  start) rabbit_start "$rabbit_dir/start.log" ;;
  stop) rabbit_env "\$rabbit_bin/rabbitmqctl" -n "$rabbit_node" stop "$rabbit_dir/rabbit.pid" >>"$rabbit_dir/start.log" 2>&1 ;;
esac
BROKER

couch_port=$(free_port)
couch_user=soakadmin couch_password=soak-$RANDOM$RANDOM
mkdir -p "$tmp/couch/db"
cat >"$tmp/store.sh" <<STORE
#!/usr/bin/env bash
set -e
. "$repo/bench/lib.sh"
log() { echo "\$*" >&2; }
case "\$1" in
  start)
    (cd "$tmp/couch" && exec node "$pouchdb" --host 127.0.0.1 --port "$couch_port" --dir "$tmp/couch/db" \\
      --config "$tmp/couch/config.json" --no-stdout-logs) >>"$tmp/couch/pouchdb.log" 2>&1 &
    echo \$! >"$tmp/couch/pid"
    wait_http_ok "http://127.0.0.1:$couch_port/" "\$(cat "$tmp/couch/pid")" 60 "pouchdb-server" ;;
  stop) kill -KILL "\$(cat "$tmp/couch/pid")" 2>/dev/null || true ;;
esac
STORE
chmod +x "$tmp/broker.sh" "$tmp/store.sh"

cleanup() {
  local rc=$?
  rabbit_stop
  "$tmp/store.sh" stop >/dev/null 2>&1 || true
  pg_stop
  wait 2>/dev/null || true
  [ -z "$spool_mounted" ] || umount -l "$tmp/work/data" 2>/dev/null || true
  cp "$tmp"/work/*.log "$tmp"/work/history.jsonl "$tmp"/work/report.md "$out"/ 2>/dev/null || true
  cp -r "$tmp"/work/audio "$out"/ 2>/dev/null || true
  [ "$rc" -eq 0 ] || echo "soak: FAILED (rc=$rc, seed $SEED); history, report and logs in $out" >&3
  rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log "seed $SEED, $DURATION_MINUTES min, faults $FAULTS"
log "building the silo and tests/Soak (Release)"
build_release "$repo/src/Silo"
build_release "$repo/tests/Soak"
silo_dll="$repo/src/Silo/bin/Release/net10.0/MediaOrleans.Silo.dll"
soak_dll="$repo/tests/Soak/bin/Release/net10.0/MediaOrleans.Soak.dll"

log "starting PostgreSQL"
pg_start "$tmp"

log "starting RabbitMQ node $rabbit_node on 127.0.0.1:$amqp_port"
rabbit_started=1
"$tmp/broker.sh" start || { log "RabbitMQ did not start"; cat "$rabbit_dir/start.log" >&2; exit 1; }

log "starting pouchdb-server on 127.0.0.1:$couch_port"
"$tmp/store.sh" start || { log "pouchdb-server did not start"; cat "$tmp/couch/pouchdb.log" >&2; exit 1; }
curl -fsS -X PUT "http://127.0.0.1:$couch_port/_config/admins/$couch_user" -d "\"$couch_password\"" >/dev/null

log "mounting a ${SPOOL_MB} MB tmpfs for the silos' data directory (spool)"
mkdir -p "$tmp/work/data"
mount -t tmpfs -o "size=${SPOOL_MB}m" tmpfs "$tmp/work/data"
spool_mounted=1

set +e
dotnet "$soak_dll" --silo-assembly "$silo_dll" \
  --postgres "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres" \
  --bus-uri "amqp://guest:guest@127.0.0.1:$amqp_port" --broker-stop "$tmp/broker.sh stop" --broker-start "$tmp/broker.sh start" \
  --store-uri "http://$couch_user:$couch_password@127.0.0.1:$couch_port" --store-stop "$tmp/store.sh stop" --store-start "$tmp/store.sh start" \
  --work "$tmp/work" --modshout-client "$modshout" --seed "$SEED" --minutes "$DURATION_MINUTES" --faults "$FAULTS" \
  --failover-window-seconds "$FAILOVER_WINDOW_SECONDS" --max-rss-slope-mb "$MAX_RSS_SLOPE_MB" --max-fd-slope "$MAX_FD_SLOPE" |
  tee "$out/soak.txt"
rc=${PIPESTATUS[0]}
set -e
log "report: $out/report.md, history: $out/history.jsonl"
exit "$rc"
