#!/usr/bin/env bash
# Bus round trip: Kazoo media_req -> media_resp through the silo (parse, name resolution, grain
# lookup, signed URL, reply confirmed by the broker before the request is acked) against a bare
# echo responder (a RabbitMQ.Client consumer that answers at once, no confirms) and the same echo
# waiting for publisher confirms like the silo, all on one private RabbitMQ node on this machine.
# Open-loop fixed offered loads (latency counted from each request's due time) and a closed-loop
# "max" run with WINDOW requests in flight. Load generator and echo: bench/BusLoad (C#, same
# client library as the silo, TCP_NODELAY on).
# Targets (docs DESIGN.md "Performance targets"): silo >= 0.8x the bare responder's throughput,
# silo p99 <= 5 ms at 1000 req/s.
#
# Env (defaults): RATES="500 1000 2000 max" DURATION=10 (s) WARMUP=3 (s) ROUNDS=3 WINDOW=64
#                 WHO="silo echo echo-confirms" (also: echo-tracking, echo-confirms with the client
#                 library's confirmation tracking) HEALTH_TIMEOUT=60
# Raw outputs and the markdown summary go to bench/results/bus-<UTC time>/ (git-ignored).
set -euo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"

RATES=${RATES:-"500 1000 2000 max"}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-3}
ROUNDS=${ROUNDS:-3}
WINDOW=${WINDOW:-64}
WHO=${WHO:-"silo echo echo-confirms"}
HEALTH_TIMEOUT=${HEALTH_TIMEOUT:-60}

bench_output_dir bus

for tool in dotnet curl sox ss epmd "$rabbit_bin/rabbitmq-server" "$rabbit_bin/rabbitmqctl"; do
  command -v "$tool" >/dev/null || { echo "missing $tool (run scripts/install-test-deps.sh)" >&2; exit 1; }
done

tmp=$(mktemp -d /tmp/bench-bus.XXXXXX)
exec 3>&2 # the script's stderr, for the exit trap
silo_pid=""
echo_pid=""
echo_confirms_pid=""
echo_tracking_pid=""

log() { echo "[bus] $*" >&3; }

rabbit_setup "$tmp" benchbus

cleanup() {
  local rc=$?
  stop_pid "$echo_pid"
  stop_pid "$echo_confirms_pid"
  stop_pid "$echo_tracking_pid"
  stop_pid "$silo_pid"
  rabbit_stop
  wait 2>/dev/null || true
  if [ "$rc" -ne 0 ]; then
    cp "$tmp"/*.log "$out"/ 2>/dev/null || true
    cp "$rabbit_dir/log/$rabbit_node.log" "$out/rabbitmq.log" 2>/dev/null || true
    echo "bus: FAILED (rc=$rc); logs in $out" >&3
  fi
  rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

hz=$(getconf CLK_TCK)
proc_ticks() { # utime + stime of PID (threads included)
  local stat rest
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
  rest=${stat##*) }
  set -- $rest
  echo $((${12} + ${13}))
}
jget() { sed -n "s/.*\"$1\":\"\{0,1\}\([^,\"}]*\).*/\1/p" "$2"; }

# ---------------------------------------------------------------------------------------------
log "building the silo and bench/BusLoad (Release)"
build_release "$repo/src/Silo"
build_release "$repo/bench/BusLoad"
silo_dll="$repo/src/Silo/bin/Release/net10.0/MediaOrleans.Silo.dll"
load_dll="$repo/bench/BusLoad/bin/Release/net10.0/MediaOrleans.Bench.BusLoad.dll"
[ -f "$silo_dll" ] && [ -f "$load_dll" ] || { log "missing $silo_dll or $load_dll"; exit 1; }

log "starting RabbitMQ node $rabbit_node on 127.0.0.1:$amqp_port"
started=$SECONDS
rabbit_start "$tmp/rabbitmq-start.log" ||
  { log "RabbitMQ did not start"; exit 1; }
broker_pid=$(cat "$rabbit_dir/rabbit.pid")
log "RabbitMQ ready after $((SECONDS - started))s (pid $broker_pid)"
uri="amqp://guest:guest@127.0.0.1:$amqp_port"

export Media__Bus__Uri="$uri"
start_silo
deadline=$((SECONDS + HEALTH_TIMEOUT))
until curl -fsS --max-time 2 "$base/api/health" 2>/dev/null | grep -q '"bus":"connected"'; do
  [ "$SECONDS" -lt "$deadline" ] || { log "silo bus not connected: $(curl -s "$base/api/health")"; exit 1; }
  sleep 0.2
done
unset Media__Bus__Uri

log "uploading system_media/bench-tone (the item every media_req asks for)"
sox -n -r 8000 -c 1 -b 16 -e signed-integer "$tmp/tone8k.wav" synth 10 sine 440 vol 0.5
curl -fsS -X PUT --data-binary @"$tmp/tone8k.wav" -H 'Content-Type: audio/wav' "$base/api/media/system_media/bench-tone" >"$tmp/upload.json"

start_echo() { # routing-key extra-args... ; sets started_pid
  local key=$1
  shift
  (exec dotnet "$load_dll" echo --uri "$uri" --routing-key "$key" "$@") >"$tmp/echo-$key.log" 2>&1 &
  started_pid=$!
  local deadline=$((SECONDS + 30))
  until grep -q ready "$tmp/echo-$key.log"; do
    kill -0 "$started_pid" 2>/dev/null || { log "echo responder ($key) exited: $(cat "$tmp/echo-$key.log")"; exit 1; }
    [ "$SECONDS" -lt "$deadline" ] || { log "echo responder ($key) not ready"; exit 1; }
    sleep 0.2
  done
}
if [[ " $WHO " == *" echo "* ]]; then
  start_echo echo_req
  echo_pid=$started_pid
fi
if [[ " $WHO " == *" echo-confirms "* ]]; then
  start_echo echo_confirms_req --confirms --concurrency 16
  echo_confirms_pid=$started_pid
fi
# Not run by default: the same as echo-confirms with the client library's own confirmation tracking.
if [[ " $WHO " == *" echo-tracking "* ]]; then
  start_echo echo_tracking_req --client-tracking --concurrency 16
  echo_tracking_pid=$started_pid
fi

# Rows: who round offered sent answered lost errors throughput p50 p90 p99 p999 max server_cpu broker_cpu load_cpu other_cpu
#       rtt_p50 rtt_p99 send_lag_p99
rows="$tmp/rows.tsv"
: >"$rows"
TIMEFORMAT='%U %S'
run_load() { # who rate round [seconds warmup]
  local who=$1 rate=$2 round=$3 seconds=${4:-$DURATION} warmup=${5:-$WARMUP} key pid file before after b_before b_after busy_before busy_after wu ws
  case "$who" in
    silo) key=media_req; pid=$silo_pid ;;
    echo) key=echo_req; pid=$echo_pid ;;
    echo-confirms) key=echo_confirms_req; pid=$echo_confirms_pid ;;
    echo-tracking) key=echo_tracking_req; pid=$echo_tracking_pid ;;
  esac
  file="$out/$who-$rate-round$round.json"
  before=$(proc_ticks "$pid"); b_before=$(proc_ticks "$broker_pid"); busy_before=$(machine_busy_ticks)
  { time dotnet "$load_dll" load --uri "$uri" --routing-key "$key" --media-name /system_media/bench-tone \
      --rate "$rate" --window "$WINDOW" --seconds "$seconds" --warmup "$warmup" >"$file" 2>"$tmp/load.log"; } 2>"$tmp/time.txt" ||
    { log "load generator failed: $(cat "$tmp/load.log")"; exit 1; }
  after=$(proc_ticks "$pid"); b_after=$(proc_ticks "$broker_pid"); busy_after=$(machine_busy_ticks)
  read -r wu ws <"$tmp/time.txt"
  local server_cpu broker_cpu load_cpu other_cpu
  server_cpu=$(awk -v t=$((after - before)) -v hz="$hz" 'BEGIN {printf "%.1f", t / hz}')
  broker_cpu=$(awk -v t=$((b_after - b_before)) -v hz="$hz" 'BEGIN {printf "%.1f", t / hz}')
  load_cpu=$(awk -v u="$wu" -v s="$ws" 'BEGIN {printf "%.1f", u + s}')
  other_cpu=$(awk -v b=$((busy_after - busy_before)) -v hz="$hz" -v a="$server_cpu" -v r="$broker_cpu" -v l="$load_cpu" \
    'BEGIN {o = b / hz - a - r - l; printf "%.1f", (o < 0 ? 0 : o)}')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$who" "$round" "$rate" \
    "$(jget sent "$file")" "$(jget answered "$file")" "$(jget lost "$file")" "$(jget errors "$file")" \
    "$(jget throughput "$file")" "$(jget p50_ms "$file")" "$(jget p90_ms "$file")" "$(jget p99_ms "$file")" \
    "$(jget p999_ms "$file")" "$(jget max_ms "$file")" "$server_cpu" "$broker_cpu" "$load_cpu" "$other_cpu" \
    "$(jget rtt_p50_ms "$file")" "$(jget rtt_p99_ms "$file")" "$(jget send_lag_p99_ms "$file")" >>"$rows"
  log "round $round, $who at $rate: $(cat "$file")"
  [ "$(jget errors "$file")" = 0 ] || { log "$who answered media_error: $(cat "$file")"; exit 1; }
}

log "smoke check: each responder answers"
for who in $WHO; do run_load "$who" 200 0 2 1; done
: >"$rows"

for round in $(seq 1 "$ROUNDS"); do
  for rate in $RATES; do
    for who in $WHO; do
      run_load "$who" "$rate" "$round"
    done
  done
done
cp "$rows" "$out/rounds.tsv"

# The reported round per (who, rate): the median by p99 for fixed rates, by throughput for max.
median_row() { # who rate
  local column=11 order=g
  [ "$2" = max ] && column=8
  awk -F'\t' -v w="$1" -v r="$2" '$1 == w && $3 == r' "$rows" | sort -t$'\t' -k"$column,$column$order" |
    awk -v n="$ROUNDS" 'NR == int((n + 1) / 2)'
}
field() { echo "$1" | cut -f"$2"; }

commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git -C "$repo" status --porcelain --untracked-files=no 2>/dev/null)" ]; then commit="$commit (+uncommitted changes)"; fi
model=$(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo)
rabbit_version=$(dpkg-query -W -f='${Version}' rabbitmq-server 2>/dev/null || echo unknown)
noisy=$(awk -F'\t' -v lim="$(awk -v n="$(nproc)" -v d="$DURATION" -v w="$WARMUP" 'BEGIN {print n * (d + w) / 4}')" \
  '$17 > lim {printf "%s%s %s round %s (%s s)", sep, $1, $3, $2, $17; sep = ", "}' "$rows")

summary="$out/summary.md"
{
  echo "## Bus round trip: media_req -> media_resp, silo vs bare echo responder"
  echo
  echo "- date (UTC): $(date -u '+%Y-%m-%d %H:%M')"
  echo "- commit: $commit"
  echo "- machine: $(nproc) cores, ${model:-unknown CPU}, $(uname -sr); broker, silo, echo responders and load generator share it"
  echo "- tools: dotnet $(dotnet --version), rabbitmq-server $rabbit_version, RabbitMQ.Client 7.2.2 (silo, echo and load generator)"
  echo "- load: \`bench/BusLoad load --rate R --seconds $DURATION --warmup $WARMUP\` (open loop; latency from each request's due time),"
  echo "  \`--rate max --window $WINDOW\` (closed loop); $ROUNDS rounds; reported: the median round (by p99, by throughput for max)"
  echo "- silo: defaults (Shared mode, MaxConcurrency 16, Prefetch 64), media_req for /system_media/bench-tone;"
  echo "  echo: answers at once, no confirms; echo-confirms: acks after the broker confirmed its reply (concurrency 16)"
  echo
  echo "| offered req/s | responder | answered/s | p50 ms | p90 ms | p99 ms | max ms | from send p50 / p99 ms | send lag p99 ms | lost | responder CPU s | µs CPU/req | broker CPU s | load gen CPU s |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for rate in $RATES; do
    for who in $WHO; do
      row=$(median_row "$who" "$rate")
      # Requests over the whole run (warm-up included), for CPU per request.
      total=$(awk -v t="$(field "$row" 8)" -v d="$DURATION" -v w="$WARMUP" 'BEGIN {printf "%.0f", t * (d + w)}')
      printf '| %s | %s | %s | %s | %s | %s | %s | %s / %s | %s | %s | %s | %s | %s | %s |\n' "$rate" "$who" "$(field "$row" 8)" \
        "$(field "$row" 9)" "$(field "$row" 10)" "$(field "$row" 11)" "$(field "$row" 13)" "$(field "$row" 18)" "$(field "$row" 19)" \
        "$(field "$row" 20)" "$(field "$row" 6)" "$(field "$row" 14)" \
        "$(awk -v c="$(field "$row" 14)" -v n="$total" 'BEGIN {if (n > 0) printf "%.0f", c * 1e6 / n; else print "-"}')" \
        "$(field "$row" 15)" "$(field "$row" 16)"
    done
  done
  echo
  echo "Latency counts from each request's due time; \"from send\" counts from when it actually went out, and"
  echo "\"send lag\" is how late the generator sent it (its own scheduling on this machine)."
  echo
  if [[ " $RATES " == *" max "* ]] && [[ " $WHO " == *" silo "* ]] && [[ " $WHO " == *" echo "* ]]; then
    silo_max=$(field "$(median_row silo max)" 8)
    echo_max=$(field "$(median_row echo max)" 8)
    ratio=$(awk -v a="$silo_max" -v b="$echo_max" 'BEGIN {printf "%.2f", a / b}')
    verdict=$(awk -v r="$ratio" 'BEGIN {print (r >= 0.8) ? "meets" : "below"}')
    echo "**silo / bare echo throughput at max = ${ratio}x** (target >= 0.8x: $verdict target)"
    if [[ " $WHO " == *" echo-confirms "* ]]; then
      confirms_max=$(field "$(median_row echo-confirms max)" 8)
      echo "(silo / echo with confirms = $(awk -v a="$silo_max" -v b="$confirms_max" 'BEGIN {printf "%.2f", a / b}')x)"
    fi
    echo
  fi
  if [[ " $RATES " == *" 1000 "* ]] && [[ " $WHO " == *" silo "* ]]; then
    p99=$(field "$(median_row silo 1000)" 11)
    verdict=$(awk -v p="$p99" 'BEGIN {print (p <= 5) ? "meets" : "misses"}')
    echo "**silo p99 at 1000 req/s = ${p99} ms** (target <= 5 ms: $verdict target)"
    echo
  fi
  echo "All rounds (answered/s, p99 ms; CPU s of other busy work on the machine besides responder, broker and load generator):"
  echo
  echo "| round | offered | responder | answered/s | p50 ms | p99 ms | max ms | lost | other CPU s |"
  echo "|---:|---|---|---:|---:|---:|---:|---:|---:|"
  sort -t$'\t' -k2,2n -k3,3 "$rows" | awk -F'\t' '{printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $2, $3, $1, $8, $9, $11, $13, $6, $17}'
  echo
  if [ -n "$noisy" ]; then
    echo "**Warning: other work used more than a quarter of the machine during: $noisy. Treat these numbers as noisy.**"
    echo
  fi
  echo "Raw outputs: bench/results/$(basename "$out")/"
} >"$summary"

cat "$summary"
ln -sfn "$(basename "$out")" "$results/bus-latest"
