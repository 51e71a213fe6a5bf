# Shared by the bench/*.sh scripts (sourced): process, port and CPU helpers. Each script
# defines its own log() before calling these.

# Sets repo, results, stamp and out (bench/results/NAME-<UTC time>, created) for benchmark NAME.
bench_output_dir() {
  repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  results="$repo/bench/results"
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  out="$results/$1-$stamp"
  mkdir -p "$out"
}

# build_release <project dir>: a Release build, quiet; on failure its output and exit 1 (log in $tmp/build.log).
build_release() {
  dotnet build -c Release "$1" -nologo -v quiet >>"$tmp/build.log" 2>&1 || { cat "$tmp/build.log" >&2; exit 1; }
}

stop_pid() {
  local pid=$1
  [ -n "$pid" ] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}

# A free TCP port on 127.0.0.1 not handed out earlier in this run.
taken=" "
free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 40000))
    case "$taken" in *" $p "*) continue ;; esac
    if [ -z "$(ss -Htan "( sport = :$p )" 2>/dev/null)" ]; then
      taken="$taken$p "
      echo "$p"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}

# Polls URL until it answers 200 or the deadline passes; fails early if PID died.
wait_http_ok() {
  local url=$1 pid=$2 timeout=$3 what=$4
  local deadline=$((SECONDS + timeout))
  until curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { log "$what exited before becoming ready"; return 1; }
    [ "$SECONDS" -lt "$deadline" ] || { log "$what not ready after ${timeout}s"; return 1; }
    sleep 0.2
  done
}

# CPU ticks the whole machine spent busy (user, nice, system, irq, softirq, steal).
machine_busy_ticks() {
  awk '$1 == "cpu" {print $2 + $3 + $4 + $7 + $8 + $9; exit}' /proc/stat
}

# Starts the Release silo on free loopback ports with its data in $tmp/data and waits until it
# is healthy. Needs $tmp, $silo_dll and $HEALTH_TIMEOUT; sets http_port, shout_port, silo_pid
# and base. The PID is the silo process itself (exec), so /proc/$silo_pid measures the silo.
start_silo() {
  http_port=$(free_port)
  shout_port=$(free_port)
  local silo_port gateway_port started
  silo_port=$(free_port)
  gateway_port=$(free_port)
  log "starting the silo on 127.0.0.1:$http_port (shout port $shout_port)"
  mkdir -p "$tmp/data"
  (
    cd "$tmp"
    export Media__Http__Port=$http_port Media__Shout__Port=$shout_port Media__DataPath="$tmp/data" \
      Media__ListenAddress=127.0.0.1 Media__AdvertisedHost=127.0.0.1 \
      Orleans__Endpoints__SiloPort=$silo_port Orleans__Endpoints__GatewayPort=$gateway_port \
      DOTNET_CLI_TELEMETRY_OPTOUT=1
    exec dotnet "$silo_dll"
  ) >"$tmp/silo.log" 2>&1 &
  silo_pid=$!
  base="http://127.0.0.1:$http_port"
  started=$SECONDS
  wait_http_ok "$base/api/health" "$silo_pid" "$HEALTH_TIMEOUT" "silo"
  log "silo healthy after $((SECONDS - started))s"
  grep -q MediaOrleans.Silo.dll "/proc/$silo_pid/cmdline" || { log "pid $silo_pid is not the silo"; return 1; }
}

# A private RabbitMQ node: every location under <dir>/rabbit, its own epmd, loopback only.
# "listeners.tcp.default" because RABBITMQ_NODE_PORT already makes the default listener (a second
# "listeners.tcp.1" on the same port fails the boot with eaddrinuse).
rabbit_bin=/usr/lib/rabbitmq/bin

# rabbit_setup <dir> <name>: picks the node's ports and name (amqp_port, rabbit_node).
rabbit_setup() {
  rabbit_dir="$1/rabbit"
  rabbit_node="$2$RANDOM@localhost"
  amqp_port=$(free_port)
  rabbit_dist_port=$(free_port)
  rabbit_epmd_port=$(free_port)
  rabbit_started=""
}

rabbit_env() {
  env HOME="$rabbit_dir" RABBITMQ_MNESIA_BASE="$rabbit_dir/mnesia" RABBITMQ_LOG_BASE="$rabbit_dir/log" \
    RABBITMQ_PID_FILE="$rabbit_dir/rabbit.pid" RABBITMQ_NODENAME="$rabbit_node" RABBITMQ_NODE_PORT="$amqp_port" \
    RABBITMQ_DIST_PORT="$rabbit_dist_port" RABBITMQ_CONF_ENV_FILE=/dev/null RABBITMQ_CONFIG_FILE="$rabbit_dir/rabbitmq.conf" \
    ERL_EPMD_PORT="$rabbit_epmd_port" ERL_EPMD_ADDRESS=127.0.0.1 \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS='-kernel inet_dist_use_interface {127,0,0,1}' "$@"
}

# rabbit_start <log file>: starts the node and waits for it (120 s at most); non-zero if it did not come up.
rabbit_start() {
  mkdir -p "$rabbit_dir"
  echo "listeners.tcp.default = 127.0.0.1:$amqp_port" >"$rabbit_dir/rabbitmq.conf"
  rabbit_env "$rabbit_bin/rabbitmq-server" -detached >"$1" 2>&1
  rabbit_started=1
  rabbit_env "$rabbit_bin/rabbitmqctl" -n "$rabbit_node" wait --timeout 120 "$rabbit_dir/rabbit.pid" >>"$1" 2>&1
}

# rabbit_stop: stops the node if it was started (rabbitmqctl, else its PID) and its epmd.
rabbit_stop() {
  if [ -n "${rabbit_started:-}" ]; then
    rabbit_env "$rabbit_bin/rabbitmqctl" -n "$rabbit_node" stop "$rabbit_dir/rabbit.pid" >/dev/null 2>&1 ||
      stop_pid "$(cat "$rabbit_dir/rabbit.pid" 2>/dev/null)"
  fi
  [ -z "${rabbit_epmd_port:-}" ] || epmd -port "$rabbit_epmd_port" -kill >/dev/null 2>&1 || true
}

# A private PostgreSQL instance under <dir>/pg, run as the postgres user (it refuses root), its
# socket in <dir>/pg, loopback only. pg_bin is the newest installed server's bin directory.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)

# pg_start <dir>: initialises and starts it on a free port (pg_port); logs go to <dir>.
pg_start() {
  pg_dir="$1/pg"
  pg_port=$(free_port)
  mkdir -p "$pg_dir" && chown postgres "$pg_dir" && chmod o+x "$1"
  runuser -u postgres -- "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust --no-sync -E UTF8 >"$1/initdb.log" 2>&1
  pg_started=1
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w -t 60 \
    -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >"$1/pg_ctl.log" 2>&1
}

# pg_stop: stops it at once if it was started.
pg_stop() {
  [ -z "${pg_started:-}" ] || runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
}
