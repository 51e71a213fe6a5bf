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
