#!/usr/bin/env bash
# Slowloris on both listeners: CONNECTIONS slow connections on the HTTP port and as many on the
# SHOUT port (each sends an unfinished head, one more header line every INTERVAL s, and is
# replaced at once when the silo cuts it) while a control client plays a WAV over HTTP and an
# MP3 over SHOUT every second, checking each byte-exact. Prints each control play's time, the
# failures, what happened to the slow connections, and the silo's RSS before, at the end and at
# its peak. Expectation: every control play succeeds within 1 s; the slow connections are cut at
# the head timeout (Media:Http/Shout:HeadTimeoutSeconds, 10 s) and never pile up.
#
# Env (defaults): CONNECTIONS=500 (per port) DURATION=60 (s) INTERVAL=5 (s between header lines)
#                 HEALTH_TIMEOUT=60
# Raw outputs and the summary go to bench/results/slowloris-<UTC time>/ (git-ignored).
set -euo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"

CONNECTIONS=${CONNECTIONS:-500}
DURATION=${DURATION:-60}
INTERVAL=${INTERVAL:-5}
HEALTH_TIMEOUT=${HEALTH_TIMEOUT:-60}

bench_output_dir slowloris

for tool in dotnet curl sox lame cmp ss python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool (run scripts/install-test-deps.sh)" >&2; exit 1; }
done

tmp=$(mktemp -d /tmp/bench-slowloris.XXXXXX)
exec 3>&2
silo_pid=""
loris_pid=""
log() { echo "[slowloris] $*" >&3; }

cleanup() {
  local rc=$?
  stop_pid "$loris_pid"
  stop_pid "$silo_pid"
  wait 2>/dev/null || true
  if [ "$rc" -ne 0 ]; then
    cp "$tmp/silo.log" "$out/" 2>/dev/null || true
  fi
  rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT

rss_kib() { awk -v f="$2:" '$1 == f {print $2}' "/proc/$1/status"; }

log "building the silo (Release)"
build_release "$repo/src/Silo"
silo_dll="$repo/src/Silo/bin/Release/net10.0/MediaOrleans.Silo.dll"
start_silo

log "uploading the control files"
sox -n -r 8000 -c 1 -b 16 -e signed-integer "$tmp/tone.wav" synth 3 sine 440 vol 0.5
lame --quiet -t -b 16 "$tmp/tone.wav" "$tmp/tone.mp3"
curl -fsS -X PUT --data-binary @"$tmp/tone.wav" -H 'Content-Type: audio/wav' "$base/api/media/bench/tone" >/dev/null
curl -fsS -X PUT --data-binary @"$tmp/tone.mp3" -H 'Content-Type: audio/mpeg' "$base/api/media/bench/tone-mp3" >/dev/null
url_of() {
  curl -fsS -X POST -H 'Content-Type: application/json' -d "$1" "$base/api/streams" | sed -n 's/.*"url"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p'
}
http_url=$(url_of '{"mediaName":"bench/tone"}')
shout_url=$(url_of '{"mediaName":"bench/tone-mp3"}' | sed 's#^shout://#http://#')
# The SHOUT port serves MP3 frames only: the stored file without its LAME/Xing tag is what plays.
curl -fsS -A 'FreeSWITCH(mod_shout)/1.0' -o "$tmp/expected-shout.mp3" "$shout_url"

# One warm play each, then the baseline.
curl -fsS -o /dev/null "$http_url"
rss_before=$(rss_kib "$silo_pid" VmRSS)
log "silo RSS before: $((rss_before / 1024)) MiB; $CONNECTIONS slow connections per port for ${DURATION}s"

python3 "$repo/bench/slowloris.py" "$DURATION" "$INTERVAL" \
  "127.0.0.1:$http_port:$CONNECTIONS" "127.0.0.1:$shout_port:$CONNECTIONS" >"$out/slowloris.json" &
loris_pid=$!
sleep 2

plays=0
failures=0
slow=0
max_ms=0
: >"$out/control.txt"
end=$((SECONDS + DURATION - 4))
while [ "$SECONDS" -lt "$end" ]; do
  for kind in http shout; do
    if [ "$kind" = http ]; then
      url=$http_url expected=$tmp/tone.wav agent=mod_httapi/1.0
    else
      url=$shout_url expected=$tmp/expected-shout.mp3 agent='FreeSWITCH(mod_shout)/1.0'
    fi
    plays=$((plays + 1))
    if seconds=$(curl -fsS -A "$agent" --max-time 5 -o "$tmp/got" -w '%{time_total}' "$url" 2>>"$out/control-errors.txt") \
      && cmp -s "$tmp/got" "$expected"; then
      ms=$(awk -v s="$seconds" 'BEGIN {printf "%d", s * 1000}')
      [ "$ms" -gt "$max_ms" ] && max_ms=$ms
      [ "$ms" -le 1000 ] || slow=$((slow + 1))
      echo "$(date -u +%T) $kind ${ms} ms ok" | tee -a "$out/control.txt"
    else
      failures=$((failures + 1))
      echo "$(date -u +%T) $kind FAILED" | tee -a "$out/control.txt"
    fi
  done
  sleep 1
done

rss_during=$(rss_kib "$silo_pid" VmRSS)
wait "$loris_pid"
loris_pid=""
rss_after=$(rss_kib "$silo_pid" VmRSS)
rss_peak=$(rss_kib "$silo_pid" VmHWM)

{
  echo "## slowloris: $CONNECTIONS slow connections per port for ${DURATION}s (a header line every ${INTERVAL}s)"
  echo
  echo "- control plays: $plays (HTTP WAV and SHOUT MP3, byte-exact), failures: $failures, over 1 s: $slow, slowest: $max_ms ms"
  echo "- slow connections: $(cat "$out/slowloris.json")"
  echo "- silo RSS: before $((rss_before / 1024)) MiB, under attack $((rss_during / 1024)) MiB, after $((rss_after / 1024)) MiB, peak $((rss_peak / 1024)) MiB"
  echo "- machine: $(nproc) cores, dotnet $(dotnet --version)"
} | tee "$out/summary.md"
[ "$failures" -eq 0 ] && [ "$slow" -eq 0 ]
