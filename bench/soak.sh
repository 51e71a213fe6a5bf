#!/usr/bin/env bash
# Chaos soak: three Release silos on a private PostgreSQL (ADO.NET membership) sharing one data
# folder, with their bus on a private RabbitMQ node, under mixed load for DURATION_MINUTES while
# faults are injected from SEED: concurrent recordings from modshout-client (paced like mod_shout),
# each stored as media and read back; WAV plays over HTTP and MP3 plays over SHOUT, each body
# checked byte for byte; media_req and record_req on the bus, each reply matched by Msg-ID; a
# listener on a continuous (extant) stream checked with ffmpeg; RSS and open descriptors of every
# silo. Faults: SIGKILL of a silo and its restart, SIGSTOP of a silo for seconds then SIGCONT, a
# RabbitMQ stop and start. Everything goes to a history (history.jsonl) that tests/Soak checks
# against the invariants (docs/TESTING.md, "Chaos soak"); the report gives operations, faults,
# violations with their history lines, and p50/p99 per operation inside and outside fault windows.
# Exit code 0 when the history holds no violation.
#
# Env (defaults): DURATION_MINUTES=10 SEED=<random, printed> FAULTS=kill,pause,broker-restart
#                 FAILOVER_WINDOW_SECONDS=3 MAX_RSS_SLOPE_MB=2 (MB/min) MAX_FD_SLOPE=5 (per min)
# Replay a run with the seed it printed: SEED=<seed> bash bench/soak.sh
# History, report and silo logs go to bench/results/soak-<UTC time>/ (git-ignored).
set -euo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"

DURATION_MINUTES=${DURATION_MINUTES:-10}
SEED=${SEED:-$((RANDOM * 32768 + RANDOM))}
FAULTS=${FAULTS:-kill,pause,broker-restart}
FAILOVER_WINDOW_SECONDS=${FAILOVER_WINDOW_SECONDS:-3}
MAX_RSS_SLOPE_MB=${MAX_RSS_SLOPE_MB:-2}
MAX_FD_SLOPE=${MAX_FD_SLOPE:-5}
rabbit_bin=/usr/lib/rabbitmq/bin

bench_output_dir soak
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
modshout="$repo/.tools/modshout-client"
for tool in dotnet curl ss sox lame ffmpeg epmd runuser "$pg_bin/initdb" "$pg_bin/pg_ctl" "$rabbit_bin/rabbitmq-server" "$rabbit_bin/rabbitmqctl" "$modshout"; do
  command -v "$tool" >/dev/null || { echo "missing $tool (run scripts/install-test-deps.sh)" >&2; exit 1; }
done

tmp=$(mktemp -d /tmp/bench-soak.XXXXXX)
exec 3>&2
pg_started=""
broker_started=""

log() { echo "[soak] $*" >&3; }

# The private RabbitMQ node, as bench/fuzz.sh starts it; the soak stops and starts it through
# $tmp/broker.sh, which carries the same environment.
amqp_port=$(free_port)
dist_port=$(free_port)
epmd_port=$(free_port)
node="benchsoak$RANDOM@localhost"
mkdir -p "$tmp/rabbit"
echo "listeners.tcp.default = 127.0.0.1:$amqp_port" >"$tmp/rabbit/rabbitmq.conf"
cat >"$tmp/broker.sh" <<BROKER
#!/usr/bin/env bash
set -e
export HOME="$tmp/rabbit" RABBITMQ_MNESIA_BASE="$tmp/rabbit/mnesia" RABBITMQ_LOG_BASE="$tmp/rabbit/log" \\
  RABBITMQ_PID_FILE="$tmp/rabbit/rabbit.pid" RABBITMQ_NODENAME="$node" RABBITMQ_NODE_PORT="$amqp_port" \\
  RABBITMQ_DIST_PORT="$dist_port" RABBITMQ_CONF_ENV_FILE=/dev/null RABBITMQ_CONFIG_FILE="$tmp/rabbit/rabbitmq.conf" \\
  ERL_EPMD_PORT="$epmd_port" ERL_EPMD_ADDRESS=127.0.0.1 \\
  RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS='-kernel inet_dist_use_interface {127,0,0,1}'
case "\$1" in
  start)
    "$rabbit_bin/rabbitmq-server" -detached >>"$tmp/rabbit/start.log" 2>&1
    "$rabbit_bin/rabbitmqctl" -n "$node" wait --timeout 120 "$tmp/rabbit/rabbit.pid" >>"$tmp/rabbit/start.log" 2>&1 ;;
  stop)
    "$rabbit_bin/rabbitmqctl" -n "$node" stop "$tmp/rabbit/rabbit.pid" >>"$tmp/rabbit/start.log" 2>&1 ;;
esac
BROKER
chmod +x "$tmp/broker.sh"

cleanup() {
  local rc=$?
  [ -z "$broker_started" ] || "$tmp/broker.sh" stop >/dev/null 2>&1 || stop_pid "$(cat "$tmp/rabbit/rabbit.pid" 2>/dev/null)"
  epmd -port "$epmd_port" -kill >/dev/null 2>&1 || true
  [ -z "$pg_started" ] || runuser -u postgres -- "$pg_bin/pg_ctl" -D "$tmp/pg/data" -m immediate stop >/dev/null 2>&1 || true
  wait 2>/dev/null || true
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
dotnet build -c Release "$repo/src/Silo" -nologo -v quiet >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log" >&2; exit 1; }
dotnet build -c Release "$repo/tests/Soak" -nologo -v quiet >>"$tmp/build.log" 2>&1 || { cat "$tmp/build.log" >&2; exit 1; }
silo_dll="$repo/src/Silo/bin/Release/net10.0/MediaOrleans.Silo.dll"
soak_dll="$repo/tests/Soak/bin/Release/net10.0/MediaOrleans.Soak.dll"

# PostgreSQL refuses root: a private instance run as the postgres user, its socket in $tmp.
pg_port=$(free_port)
log "starting PostgreSQL on 127.0.0.1:$pg_port"
mkdir -p "$tmp/pg" && chown postgres "$tmp/pg" && chmod o+x "$tmp"
runuser -u postgres -- "$pg_bin/initdb" -D "$tmp/pg/data" -U postgres -A trust --no-sync -E UTF8 >"$tmp/initdb.log" 2>&1
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$tmp/pg/data" -l "$tmp/pg/log" -w -t 60 \
  -o "-p $pg_port -k $tmp/pg -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >"$tmp/pg_ctl.log" 2>&1
pg_started=1

log "starting RabbitMQ node $node on 127.0.0.1:$amqp_port"
broker_started=1
"$tmp/broker.sh" start || { log "RabbitMQ did not start"; cat "$tmp/rabbit/start.log" >&2; exit 1; }

set +e
dotnet "$soak_dll" --silo-assembly "$silo_dll" \
  --postgres "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres" \
  --bus-uri "amqp://guest:guest@127.0.0.1:$amqp_port" --broker-stop "$tmp/broker.sh stop" --broker-start "$tmp/broker.sh start" \
  --work "$tmp/work" --modshout-client "$modshout" --seed "$SEED" --minutes "$DURATION_MINUTES" --faults "$FAULTS" \
  --failover-window-seconds "$FAILOVER_WINDOW_SECONDS" --max-rss-slope-mb "$MAX_RSS_SLOPE_MB" --max-fd-slope "$MAX_FD_SLOPE" |
  tee "$out/soak.txt"
rc=${PIPESTATUS[0]}
set -e
log "report: $out/report.md, history: $out/history.jsonl"
exit "$rc"
