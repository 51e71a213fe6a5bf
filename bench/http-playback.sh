#!/usr/bin/env bash
# HTTP playback of cached media: the silo's signed /m/... URL against nginx serving the very same
# WAV file, measured with wrk on this machine (loopback only), alternating rounds.
# Target (docs DESIGN.md "Performance targets"): silo >= 1.0x nginx requests/s.
#
# Env (defaults): DURATION=10s CONNECTIONS=50 THREADS=2 ROUNDS=3 WARMUP=3s
#                 HEALTH_TIMEOUT=60 (seconds to wait for the silo's /api/health)
# Raw wrk outputs and the markdown summary go to bench/results/ (git-ignored).
set -euo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-50}
THREADS=${THREADS:-2}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-3s}
HEALTH_TIMEOUT=${HEALTH_TIMEOUT:-60}

bench_output_dir http-playback

for tool in dotnet sox wrk nginx curl cmp ss; do
  command -v "$tool" >/dev/null || { echo "missing $tool (run scripts/install-test-deps.sh)" >&2; exit 1; }
done

tmp=$(mktemp -d /tmp/bench-http-playback.XXXXXX)
exec 3>&2 # the script's stderr, for the exit trap even while a wrk run has 2> redirected
silo_pid=""
nginx_pid=""
wrk_pid=""


cleanup() {
  local rc=$?
  stop_pid "$wrk_pid"
  stop_pid "$silo_pid"
  stop_pid "$nginx_pid"
  wait 2>/dev/null || true
  if [ "$rc" -ne 0 ]; then
    # Keep the logs of a failed run next to its results.
    cp "$tmp"/*.log "$out"/ 2>/dev/null || true
    echo "http-playback: FAILED (rc=$rc); logs in $out" >&3
  fi
  rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log() { echo "[http-playback] $*" >&3; }




# CPU ticks (user+system) used so far by PID and its direct children (nginx workers).
cpu_ticks() {
  local total=0 p stat rest
  for p in "$@" $(pgrep -P "$1" 2>/dev/null || true); do
    stat=$(cat "/proc/$p/stat" 2>/dev/null) || continue
    rest=${stat##*) }            # fields after "(comm) "; utime and stime are fields 14 and 15
    set -- $rest
    total=$((total + ${12} + ${13}))
  done
  echo "$total"
}
hz=$(getconf CLK_TCK)


# ---------------------------------------------------------------------------------------------
log "building the silo (Release)"
build_release "$repo/src/Silo"
silo_dll="$repo/src/Silo/bin/Release/net10.0/MediaOrleans.Silo.dll"
[ -f "$silo_dll" ] || { log "missing $silo_dll"; exit 1; }

log "generating the fixture"
mkdir -p "$tmp/www"
fixture="$tmp/www/tone8k.wav"
sox -n -r 8000 -c 1 -b 16 -e signed-integer "$fixture" synth 10 sine 440 vol 0.5
fixture_bytes=$(stat -c %s "$fixture")
[ "$fixture_bytes" -eq 160044 ] || { log "fixture is $fixture_bytes bytes, expected 160044"; exit 1; }

nginx_port=$(free_port)
start_silo

log "uploading bench/tone"
curl -fsS -X PUT --data-binary @"$fixture" -H 'Content-Type: audio/wav' "$base/api/media/bench/tone" >"$tmp/upload.json"
curl -fsS -X POST -H 'Content-Type: application/json' -d '{"mediaName":"bench/tone"}' "$base/api/streams" >"$tmp/stream.json"
silo_url=$(sed -n 's/.*"url"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$tmp/stream.json")
case "$silo_url" in "$base"/m/*) ;; *) log "unexpected stream answer: $(cat "$tmp/stream.json")"; exit 1 ;; esac

log "starting nginx on 127.0.0.1:$nginx_port"
# Workers may run as an unprivileged user when we are root: let them read the fixture.
chmod 755 "$tmp" "$tmp/www"
chmod 644 "$fixture"
mkdir -p "$tmp/nginx/logs" "$tmp/nginx/temp"
cat >"$tmp/nginx/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx.log warn;
events { worker_connections 4096; }
http {
  types { audio/wav wav; }
  default_type application/octet-stream;
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path $tmp/nginx/temp/body;
  proxy_temp_path $tmp/nginx/temp/proxy;
  fastcgi_temp_path $tmp/nginx/temp/fastcgi;
  uwsgi_temp_path $tmp/nginx/temp/uwsgi;
  scgi_temp_path $tmp/nginx/temp/scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    root $tmp/www;
  }
}
EOF
nginx -t -c "$tmp/nginx/nginx.conf" -p "$tmp/nginx" >"$tmp/nginx-test.log" 2>&1 || { cat "$tmp/nginx-test.log" >&2; exit 1; }
nginx -c "$tmp/nginx/nginx.conf" -p "$tmp/nginx" >>"$tmp/nginx.log" 2>&1 &
nginx_pid=$!
nginx_url="http://127.0.0.1:$nginx_port/tone8k.wav"
wait_http_ok "$nginx_url" "$nginx_pid" 20 "nginx"

log "checking both answer 200 with identical bodies"
for who in silo nginx; do
  url=$silo_url; [ "$who" = nginx ] && url=$nginx_url
  code=$(curl -sS -o "$tmp/$who.body" -D "$tmp/$who.headers" -w '%{http_code}' "$url")
  [ "$code" = 200 ] || { log "$who answered $code for $url"; exit 1; }
done
cmp "$tmp/silo.body" "$tmp/nginx.body"
cmp "$tmp/silo.body" "$fixture"
cp "$tmp/silo.headers" "$out/silo.headers"
cp "$tmp/nginx.headers" "$out/nginx.headers"

# ---------------------------------------------------------------------------------------------
wrk_run() { # name url duration file
  # In the background and waited for, so a TERM or INT reaches the trap at once, not after wrk.
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3" --latency "$2" >"$4" 2>&1 &
  wrk_pid=$!
  wait "$wrk_pid"
  wrk_pid=""
}

log "warming up (${WARMUP} each)"
wrk_run silo "$silo_url" "$WARMUP" "$out/warmup-silo.txt"
wrk_run nginx "$nginx_url" "$WARMUP" "$out/warmup-nginx.txt"

# Rows: name round rps lat_avg lat_stdev lat_max p50 p90 p99 transfer server_cpu_s wrk_cpu_s errors other_cpu_s
rows="$tmp/rows.tsv"
: >"$rows"
TIMEFORMAT='%U %S'
for round in $(seq 1 "$ROUNDS"); do
  for who in silo nginx; do
    url=$silo_url; pid=$silo_pid
    [ "$who" = nginx ] && { url=$nginx_url; pid=$nginx_pid; }
    file="$out/$who-round$round.txt"
    log "round $round/$ROUNDS: $who ($DURATION, -t$THREADS -c$CONNECTIONS)"
    before=$(cpu_ticks "$pid")
    busy_before=$(machine_busy_ticks)
    { time wrk_run "$who" "$url" "$DURATION" "$file"; } 2>"$tmp/time.txt"
    after=$(cpu_ticks "$pid")
    busy_after=$(machine_busy_ticks)
    read -r wu ws <"$tmp/time.txt"
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$file")
    [ -n "$rps" ] || { log "no Requests/sec in $file"; cat "$file" >&2; exit 1; }
    read -r lavg lstd lmax < <(awk '$1 == "Latency" && NF >= 4 {print $2, $3, $4; exit}' "$file")
    p50=$(awk '$1 == "50%" {print $2; exit}' "$file")
    p90=$(awk '$1 == "90%" {print $2; exit}' "$file")
    p99=$(awk '$1 == "99%" {print $2; exit}' "$file")
    transfer=$(awk '/^Transfer\/sec:/ {print $2}' "$file")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$file")
    sockerr=$(awk '/Socket errors:/ {sub(/.*Socket errors: /, ""); print}' "$file")
    errors="${non2xx:+non2xx=$non2xx }${sockerr:+socket: $sockerr}"
    server_cpu=$(awk -v t=$((after - before)) -v hz="$hz" 'BEGIN {printf "%.1f", t / hz}')
    wrk_cpu=$(awk -v u="$wu" -v s="$ws" 'BEGIN {printf "%.1f", u + s}')
    # Busy CPU not charged to the server or wrk: kernel softirq work for loopback plus anything
    # else running on the machine. On a quiet machine it stays under 1 s per 10 s run.
    other_cpu=$(awk -v b=$((busy_after - busy_before)) -v hz="$hz" -v s="$server_cpu" -v w="$wrk_cpu" \
      'BEGIN {o = b / hz - s - w; printf "%.1f", (o < 0 ? 0 : o)}')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$who" "$round" "$rps" "$lavg" "$lstd" "$lmax" \
      "$p50" "$p90" "$p99" "$transfer" "$server_cpu" "$wrk_cpu" "${errors:-none}" "$other_cpu" >>"$rows"
    if [ -n "$non2xx" ]; then
      log "$who returned $non2xx non-2xx responses"
      exit 1
    fi
  done
done
cp "$rows" "$out/rounds.tsv"
dur_s=$(awk -v d="$DURATION" 'BEGIN {v = d + 0; if (d ~ /m$/) v *= 60; print v}')
# A round is suspect when other busy CPU exceeds a quarter of the machine for its duration.
noisy=$(awk -F'\t' -v lim="$(awk -v n="$(nproc)" -v d="$dur_s" 'BEGIN {print n * d / 4}')" \
  '$14 > lim {printf "%s%s round %s (%s s)", sep, $1, $2, $14; sep = ", "}' "$rows")

# The reported row per server is the round with the median requests/s (lower median when even).
median_row() {
  awk -F'\t' -v who="$1" '$1 == who' "$rows" | sort -t$'\t' -k3,3g | awk -v n="$ROUNDS" 'NR == int((n + 1) / 2)'
}
silo_row=$(median_row silo)
nginx_row=$(median_row nginx)
field() { echo "$1" | cut -f"$2"; }

silo_rps=$(field "$silo_row" 3)
nginx_rps=$(field "$nginx_row" 3)
ratio=$(awk -v a="$silo_rps" -v b="$nginx_rps" 'BEGIN {printf "%.2f", a / b}')
verdict=$(awk -v r="$ratio" 'BEGIN {print (r >= 1.0) ? "meets" : "below"}')
cpu_per_req() { # cpu_seconds rps -> microseconds of CPU per request
  awk -v c="$1" -v r="$2" -v d="$dur_s" 'BEGIN {if (r > 0) printf "%.0f", c * 1e6 / (r * d); else print "-"}'
}

commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git -C "$repo" status --porcelain --untracked-files=no 2>/dev/null)" ]; then commit="$commit (+uncommitted changes)"; fi
model=$(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo)
[ -n "$model" ] || model=$(lscpu 2>/dev/null | awk -F': *' '/Model name/ {print $2; exit}')

summary="$out/summary.md"
{
  echo "## HTTP playback of cached media: silo vs nginx"
  echo
  echo "- date (UTC): $(date -u '+%Y-%m-%d %H:%M')"
  echo "- commit: $commit"
  echo "- machine: $(nproc) cores, ${model:-unknown CPU}, $(uname -sr)"
  echo "- tools: dotnet $(dotnet --version), $(nginx -v 2>&1 | sed 's/^nginx version: //'), $(wrk -v 2>&1 | head -1 | awk '{print "wrk " $2}')"
  echo "- load: \`wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency\`, loopback, $ROUNDS alternating rounds each after a $WARMUP warm-up; reported: the median round by requests/s"
  echo "- file: 160,044-byte WAV (8 kHz mono 16-bit, 10 s); bodies checked identical (cmp) before measuring"
  echo
  echo "| server | requests/s | latency avg | p50 | p90 | p99 | max | transfer/s | server CPU s | CPU µs/req | wrk CPU s |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for row in "$silo_row" "$nginx_row"; do
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$(field "$row" 1)" "$(field "$row" 3)" \
      "$(field "$row" 4)" "$(field "$row" 7)" "$(field "$row" 8)" "$(field "$row" 9)" "$(field "$row" 6)" \
      "$(field "$row" 10)" "$(field "$row" 11)" "$(cpu_per_req "$(field "$row" 11)" "$(field "$row" 3)")" "$(field "$row" 12)"
  done
  echo
  echo "**silo / nginx requests/s = ${ratio}x** (target ≥ 1.0x: $verdict target)"
  echo
  echo "All rounds (requests/s; CPU seconds over the run of the server and of everything else busy"
  echo "on the machine besides server and wrk, i.e. loopback softirq plus any other load; wrk errors):"
  echo
  echo "| round | silo req/s | silo CPU s | other CPU s | nginx req/s | nginx CPU s | other CPU s | errors (silo / nginx) |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---|"
  for round in $(seq 1 "$ROUNDS"); do
    s=$(awk -F'\t' -v r="$round" '$1 == "silo" && $2 == r' "$rows")
    n=$(awk -F'\t' -v r="$round" '$1 == "nginx" && $2 == r' "$rows")
    printf '| %s | %s | %s | %s | %s | %s | %s | %s / %s |\n' "$round" "$(field "$s" 3)" "$(field "$s" 11)" \
      "$(field "$s" 14)" "$(field "$n" 3)" "$(field "$n" 11)" "$(field "$n" 14)" "$(field "$s" 13)" "$(field "$n" 13)"
  done
  echo
  if [ -n "$noisy" ]; then
    echo "**Warning: other work was running on the machine during: $noisy. Treat these numbers as noisy.**"
    echo
  fi
  echo "Raw wrk outputs: bench/results/$(basename "$out")/"
} >"$summary"

cat "$summary"
ln -sfn "$(basename "$out")" "$results/http-playback-latest"
