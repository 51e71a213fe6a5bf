#!/usr/bin/env bash
# Continuous-stream fan-out: N listeners connecting at once to one shared real-time MP3 stream,
# the silo's extant stream (shout port) against icecast2 fed the same file by the shout CLI.
# Loopback only; both servers run in the same run, one after the other (silo first).
#
# Env (defaults): LISTENERS=1000 SECONDS_LISTEN=20 (each listener reads this long from its
#                 first byte) CONNECT_TIMEOUT=30 HEALTH_TIMEOUT=60
# Raw outputs and the markdown summary go to bench/results/fanout-<UTC time>/ (git-ignored).
set -euo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"

LISTENERS=${LISTENERS:-1000}
SECONDS_LISTEN=${SECONDS_LISTEN:-20}
CONNECT_TIMEOUT=${CONNECT_TIMEOUT:-30}
HEALTH_TIMEOUT=${HEALTH_TIMEOUT:-60}
RATE=4000 # bytes/s of a 32 kbps stream

bench_output_dir fanout

for tool in dotnet sox lame icecast2 shout python3 curl ss; do
  command -v "$tool" >/dev/null || { echo "missing $tool (run scripts/install-test-deps.sh)" >&2; exit 1; }
done
need_fds=$((LISTENERS + 200))
[ "$(ulimit -n)" -ge "$need_fds" ] || ulimit -n "$need_fds" 2>/dev/null ||
  { echo "open-file limit $(ulimit -n) < $need_fds" >&2; exit 1; }

tmp=$(mktemp -d /tmp/bench-fanout.XXXXXX)
exec 3>&2
silo_pid=""
icecast_pid=""
shout_pid=""
client_pid=""

cleanup() {
  local rc=$?
  stop_pid "$client_pid"
  stop_pid "$shout_pid"
  stop_pid "$icecast_pid"
  stop_pid "$silo_pid"
  wait 2>/dev/null || true
  if [ "$rc" -ne 0 ]; then
    cp "$tmp"/*.log "$out"/ 2>/dev/null || true
    cp "$tmp"/icecast/*.log "$out"/ 2>/dev/null || true
    echo "fanout: FAILED (rc=$rc); logs in $out" >&3
  fi
  rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log() { echo "[fanout] $*" >&3; }

hz=$(getconf CLK_TCK)
proc_ticks() { # utime + stime of PID (threads included)
  local stat rest
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
  rest=${stat##*) }
  set -- $rest
  echo $((${12} + ${13}))
}
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

# A short plain GET must return 200 and MP3 frames (sync 0xFFE after the headers).
check_stream() { # url what
  curl -sS --http1.0 --max-time 3 -o "$tmp/probe.body" "$1" 2>/dev/null || true
  local n
  n=$(stat -c %s "$tmp/probe.body" 2>/dev/null || echo 0)
  [ "$n" -ge 2000 ] || { log "$2: probe got only $n bytes from $1"; return 1; }
  head -c 4096 "$tmp/probe.body" | od -An -tx1 -v | tr -d '\n' | grep -Eq 'ff f[2-7a-f]' ||
    { log "$2: no MP3 frame sync in the probe"; return 1; }
}

# Runs the listeners against one server; writes $out/NAME.json and $out/NAME-samples.tsv
# (seconds, server ticks, VmRSS kB, machine busy ticks), one row per second.
run_listeners() { # name pid port path
  local name=$1 pid=$2 port=$3 path=$4 t0 s
  rss_before=$(rss_kb "$pid")
  # The listening socket's accept backlog (Send-Q) bounds how many connects wait to be accepted.
  ss -Hltn "( sport = :$port )" >"$out/$name-listen-socket.txt" 2>/dev/null || true
  ticks0=$(proc_ticks "$pid")
  busy0=$(machine_busy_ticks)
  t0=$(date +%s.%N)
  python3 "$repo/bench/listeners.py" 127.0.0.1 "$port" "$path" "$LISTENERS" "$SECONDS_LISTEN" "$RATE" \
    "$CONNECT_TIMEOUT" >"$out/$name.json" 2>"$tmp/$name-client.log" &
  client_pid=$!
  : >"$out/$name-samples.tsv"
  while kill -0 "$client_pid" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { log "$name died during the run"; return 1; }
    s=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.2f", b - a}')
    printf '%s\t%s\t%s\t%s\n' "$s" "$(proc_ticks "$pid")" "$(rss_kb "$pid")" "$(machine_busy_ticks)" \
      >>"$out/$name-samples.tsv"
    sleep 1
  done
  wait "$client_pid" || { log "listener client failed"; cat "$tmp/$name-client.log" >&2; return 1; }
  client_pid=""
  wall=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.2f", b - a}')
  ticks1=$(proc_ticks "$pid")
  busy1=$(machine_busy_ticks)
  # Whole run: connect phase + listening. Steady window: from 5 s after launch to the last
  # sample SECONDS_LISTEN - 2 s later at the latest (all listeners connected and reading).
  cpu_all=$(awk -v t=$((ticks1 - ticks0)) -v hz="$hz" -v w="$wall" 'BEGIN {printf "%.1f", 100 * t / hz / w}')
  cpu_steady=$(awk -F'\t' -v hz="$hz" -v lo=5 -v hi=$((SECONDS_LISTEN + 3)) '
    $1 >= lo && $1 <= hi { if (!n++) {t0 = $1; k0 = $2}; t1 = $1; k1 = $2 }
    END { if (n >= 2 && t1 > t0) printf "%.1f", 100 * (k1 - k0) / hz / (t1 - t0); else print "-" }' \
    "$out/$name-samples.tsv")
  rss_peak=$(awk -F'\t' -v m="$rss_before" '$3 > m {m = $3} END {print m}' "$out/$name-samples.tsv")
  machine_pct=$(awk -v b=$((busy1 - busy0)) -v hz="$hz" -v w="$wall" 'BEGIN {printf "%.0f", 100 * b / hz / w}')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$cpu_all" "$cpu_steady" "$rss_before" "$rss_peak" \
    "$machine_pct" "$wall" >>"$tmp/rows.tsv"
  log "$name: $(cat "$out/$name.json")"
  log "$name: CPU ${cpu_all}% of a core (whole run), ${cpu_steady}% (steady); RSS ${rss_before} -> ${rss_peak} kB"
}
: >"$tmp/rows.tsv"

# ---------------------------------------------------------------------------------------------
log "building the silo (Release)"
build_release "$repo/src/Silo"
silo_dll="$repo/src/Silo/bin/Release/net10.0/MediaOrleans.Silo.dll"
[ -f "$silo_dll" ] || { log "missing $silo_dll"; exit 1; }

log "generating the fixture (60 s, 16 kHz mono, 32 kbps CBR MP3)"
sox -n -r 16000 -c 1 -b 16 -e signed-integer "$tmp/tone16k.wav" synth 60 sine 440 vol 0.5
lame --quiet -t -b 32 -m m "$tmp/tone16k.wav" "$tmp/tone16k.mp3"
fixture_bytes=$(stat -c %s "$tmp/tone16k.mp3")
# icecast's source: the same file 40 times over (40 min, longer than any run), so that one shout
# process feeds it at real time with no gap between loops.
for _ in $(seq 1 40); do cat "$tmp/tone16k.mp3"; done >"$tmp/source.mp3"

# --- silo --------------------------------------------------------------------------------------
icecast_port=$(free_port)
start_silo

curl -fsS -X PUT --data-binary @"$tmp/tone16k.mp3" -H 'Content-Type: audio/mpeg' \
  "$base/api/media/bench/fanout" >"$tmp/upload.json"
curl -fsS -X POST -H 'Content-Type: application/json' -d '{"mediaName":"bench/fanout","streamType":"extant"}' \
  "$base/api/streams" >"$tmp/stream.json"
silo_url=$(sed -n 's/.*"url"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$tmp/stream.json")
case "$silo_url" in "shout://127.0.0.1:$shout_port/"*) ;; *) log "unexpected stream answer: $(cat "$tmp/stream.json")"; exit 1 ;; esac
silo_path=/${silo_url#shout://127.0.0.1:"$shout_port"/}
check_stream "http://127.0.0.1:$shout_port$silo_path" silo
sleep 2
log "silo: $LISTENERS listeners at once on $silo_path for ${SECONDS_LISTEN}s each"
run_listeners silo "$silo_pid" "$shout_port" "$silo_path"
stop_pid "$silo_pid"
silo_pid=""

# --- icecast2 ----------------------------------------------------------------------------------
log "starting icecast2 on 127.0.0.1:$icecast_port"
pass=bench$RANDOM$RANDOM
mkdir -p "$tmp/icecast"
chmod 755 "$tmp"
if [ "$(id -u)" = 0 ]; then chown icecast2:icecast "$tmp/icecast" 2>/dev/null || chmod 777 "$tmp/icecast"; fi
changeowner=""
[ "$(id -u)" = 0 ] && changeowner="<changeowner><user>icecast2</user><group>icecast</group></changeowner>"
# burst-size 2000 bytes = 500 ms of this stream, like the silo's default BurstMilliseconds.
cat >"$tmp/icecast.xml" <<EOF
<icecast>
  <location>bench</location><admin>bench@localhost</admin>
  <limits>
    <clients>$((LISTENERS + 100))</clients><sources>2</sources>
    <queue-size>524288</queue-size><client-timeout>30</client-timeout>
    <header-timeout>15</header-timeout><source-timeout>10</source-timeout>
    <burst-on-connect>1</burst-on-connect><burst-size>2000</burst-size>
  </limits>
  <authentication>
    <source-password>$pass</source-password><relay-password>$pass</relay-password>
    <admin-user>admin</admin-user><admin-password>$pass</admin-password>
  </authentication>
  <hostname>127.0.0.1</hostname>
  <listen-socket><port>$icecast_port</port><bind-address>127.0.0.1</bind-address></listen-socket>
  <fileserve>1</fileserve>
  <paths>
    <basedir>/usr/share/icecast2</basedir><logdir>$tmp/icecast</logdir>
    <webroot>/usr/share/icecast2/web</webroot><adminroot>/usr/share/icecast2/admin</adminroot>
  </paths>
  <logging><accesslog>access.log</accesslog><errorlog>error.log</errorlog><loglevel>2</loglevel></logging>
  <security><chroot>0</chroot>$changeowner</security>
</icecast>
EOF
chmod 644 "$tmp/icecast.xml"
icecast2 -c "$tmp/icecast.xml" >"$tmp/icecast.log" 2>&1 &
icecast_pid=$!
wait_http_ok "http://127.0.0.1:$icecast_port/status-json.xsl" "$icecast_pid" 20 "icecast2"

log "feeding /fanout.mp3 with the shout CLI"
shout --usage audio --format mp3 -H 127.0.0.1 -P "$icecast_port" --mount /fanout.mp3 \
  --user source --pass "$pass" <"$tmp/source.mp3" >"$tmp/shout.log" 2>&1 &
shout_pid=$!
deadline=$((SECONDS + 15))
until curl -fsS --max-time 2 "http://127.0.0.1:$icecast_port/status-json.xsl" 2>/dev/null | grep -q '"listenurl"'; do
  kill -0 "$shout_pid" 2>/dev/null || { log "shout exited: $(cat "$tmp/shout.log")"; exit 1; }
  [ "$SECONDS" -lt "$deadline" ] || { log "icecast2 has no source after 15s"; exit 1; }
  sleep 0.2
done
sleep 3 # let icecast buffer past its burst size
check_stream "http://127.0.0.1:$icecast_port/fanout.mp3" icecast2
sleep 2
log "icecast2: $LISTENERS listeners at once on /fanout.mp3 for ${SECONDS_LISTEN}s each"
run_listeners icecast2 "$icecast_pid" "$icecast_port" /fanout.mp3
cp "$tmp/icecast/error.log" "$out/icecast-error.log" 2>/dev/null || true

# ---------------------------------------------------------------------------------------------
jf() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); v=d
for k in sys.argv[2].split("."): v=v[k]
print("-" if v is None else v)' "$out/$1.json" "$2"; }

commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git -C "$repo" status --porcelain --untracked-files=no 2>/dev/null)" ]; then commit="$commit (+uncommitted changes)"; fi
model=$(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo)

summary="$out/summary.md"
{
  echo "## Continuous-stream fan-out: silo vs icecast2"
  echo
  echo "- date (UTC): $(date -u '+%Y-%m-%d %H:%M')"
  echo "- commit: $commit"
  echo "- machine: $(nproc) cores, ${model:-unknown CPU}, $(uname -sr)"
  echo "- tools: dotnet $(dotnet --version), $(icecast2 -v 2>&1 | head -1), python $(python3 -c 'import platform; print(platform.python_version())')"
  echo "- load: \`LISTENERS=$LISTENERS\` connections opened at once by bench/listeners.py (one asyncio process), each reading ${SECONDS_LISTEN} s from its first byte; loopback"
  echo "- stream: $fixture_bytes-byte MP3 (60 s, 16 kHz mono, 32 kbps CBR = $RATE B/s), looped by the silo; icecast2 fed the same file 40× concatenated by \`shout\` (real time)"
  echo "- starved: fewer body bytes than 95 % of real time ($RATE B/s × ${SECONDS_LISTEN} s = $(jf silo expected_bytes) bytes), dropped ones included"
  echo
  echo "| server | connected | failed | first byte p50 / p99 / max ms | bytes min / median | dropped | starved | server CPU % of a core (whole run / steady) | RSS before → peak MB | RSS per listener | machine busy % | client CPU s |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  while IFS=$'\t' read -r name cpu_all cpu_steady rb rp mp wall; do
    per=$(awk -v a="$rb" -v b="$rp" -v n="$(jf "$name" connected)" 'BEGIN {if (n > 0) printf "%.1f KB", (b - a) / n; else print "-"}')
    printf '| %s | %s | %s | %s / %s / %s | %s / %s | %s | %s | %s / %s | %s → %s | %s | %s | %s |\n' "$name" \
      "$(jf "$name" connected)" "$(jf "$name" failed)" "$(jf "$name" first_byte_ms.p50)" "$(jf "$name" first_byte_ms.p99)" \
      "$(jf "$name" first_byte_ms.max)" "$(jf "$name" bytes.min)" "$(jf "$name" bytes.median)" "$(jf "$name" dropped)" \
      "$(jf "$name" starved)" "$cpu_all" "$cpu_steady" "$(awk -v k="$rb" 'BEGIN {printf "%.0f", k / 1024}')" \
      "$(awk -v k="$rp" 'BEGIN {printf "%.0f", k / 1024}')" "$per" "$mp" "$(jf "$name" client_cpu_s)"
  done <"$tmp/rows.tsv"
  echo
  echo "Failure reasons: silo $(jf silo failed_reasons), icecast2 $(jf icecast2 failed_reasons)."
  echo
  echo "Raw outputs (listener JSON, per-second server ticks and VmRSS): bench/results/$(basename "$out")/"
} >"$summary"

cat "$summary"
ln -sfn "$(basename "$out")" "$results/fanout-latest"
