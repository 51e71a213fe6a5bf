#!/usr/bin/env bash
# MP3 -> 16-bit PCM WAV transcoding: seconds of audio per second of CPU in the silo (first GET of
# a WAV variant URL: MP3 decode with the silo's decoder as /api/silo reports it, libmpg123 unless
# Media__Audio__Decoder=nlayer is set, WDL sinc resample, WAV write, cached), against the classic
# `mpg123 | sox` pipeline (and `sox FILE -r RATE` alone) on the same files, in the same run, on
# this machine (loopback only). Also the silo's RSS growth per transcoded item held in memory.
#
# Env (defaults): FILES=10 (MP3s per kind; kinds: 8 kHz mono 16 kbps MPEG-2.5, 44.1 kHz stereo
#                 128 kbps) AUDIO_SECONDS=60 RATES="8000 16000" ROUNDS=3 IDLE_SECONDS=5
#                 HEALTH_TIMEOUT=60 (seconds to wait for the silo's /api/health)
# Raw outputs and the markdown summary go to bench/results/ (git-ignored).
set -euo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"

FILES=${FILES:-10}
AUDIO_SECONDS=${AUDIO_SECONDS:-60}
RATES=${RATES:-"8000 16000"}
ROUNDS=${ROUNDS:-3}
IDLE_SECONDS=${IDLE_SECONDS:-5}
HEALTH_TIMEOUT=${HEALTH_TIMEOUT:-60}

bench_output_dir transcode

for tool in dotnet sox lame mpg123 curl ss cmp; do
  command -v "$tool" >/dev/null || { echo "missing $tool (run scripts/install-test-deps.sh)" >&2; exit 1; }
done
case "$(sox -h 2>&1 || true)" in *"AUDIO FILE FORMATS:"*" mp3 "*) ;; *) echo "sox cannot read mp3 (install libsox-fmt-mp3)" >&2; exit 1 ;; esac

tmp=$(mktemp -d /tmp/bench-transcode.XXXXXX)
exec 3>&2 # the script's stderr, for the exit trap
silo_pid=""


cleanup() {
  local rc=$?
  stop_pid "$silo_pid"
  wait 2>/dev/null || true
  # The silo log holds one "transcoded ... in N ms" line per variant: keep it with the results.
  cp "$tmp"/*.log "$out"/ 2>/dev/null || true
  if [ "$rc" -ne 0 ]; then
    echo "transcode: FAILED (rc=$rc); logs in $out" >&3
  fi
  rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log() { echo "[transcode] $*" >&3; }




# CPU ticks (user+system, all threads) used so far by the silo process.
silo_ticks() {
  local stat rest
  stat=$(cat "/proc/$silo_pid/stat")
  rest=${stat##*) } # fields after "(comm) "; utime and stime are fields 14 and 15
  set -- $rest
  echo $((${12} + ${13}))
}
hz=$(getconf CLK_TCK)


rss_kb() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$silo_pid/status"; }
now_ns() { date +%s%N; }
json_field() { sed -n "s/.*\"$1\"[[:space:]]*:[[:space:]]*\"\{0,1\}\([^\",}]*\).*/\1/p" "$2"; }

# ---------------------------------------------------------------------------------------------
log "building the silo (Release)"
build_release "$repo/src/Silo"
silo_dll="$repo/src/Silo/bin/Release/net10.0/MediaOrleans.Silo.dll"
[ -f "$silo_dll" ] || { log "missing $silo_dll"; exit 1; }

# Two kinds of MP3: FreeSWITCH-style 8 kHz mono 16 kbps recordings (MPEG-2.5) and 44.1 kHz stereo
# 128 kbps prompts. Every file is a different sweep (stereo: a different one per channel) mixed
# with pink noise, normalised to -3 dBFS, so no two files or frames are alike.
kinds=(mono8k stereo44k)
declare -A src_rate=([mono8k]=8000 [stereo44k]=44100)
declare -A channels=([mono8k]=1 [stereo44k]=2)
declare -A lame_args=([mono8k]="-m m -b 16" [stereo44k]="-m j -b 128")
declare -A label=([mono8k]="8 kHz mono 16 kbps (MPEG-2.5)" [stereo44k]="44.1 kHz stereo 128 kbps (MPEG-1)")

make_mp3() { # kind index file
  local kind=$1 i=$2 f=$3 j=$(($2 % 40))
  local synth
  if [ "$kind" = mono8k ]; then
    synth="sine $((200 + 37 * j))-$((3400 - 41 * j)) pinknoise mix"
  else
    synth="sine $((100 + 53 * j))-$((8000 + 211 * j)) sine $((2500 + 97 * j))-$((300 + 17 * j)) pinknoise mix"
  fi
  # shellcheck disable=SC2086
  sox -n -r "${src_rate[$kind]}" -c "${channels[$kind]}" -b 16 "$tmp/fx.wav" synth "$AUDIO_SECONDS" $synth norm -3
  # shellcheck disable=SC2086
  lame --quiet --noreplaygain ${lame_args[$kind]} "$tmp/fx.wav" "$f"
}

log "generating $FILES MP3s per kind, ${AUDIO_SECONDS}s each (+1 per kind for warm-up)"
mkdir -p "$tmp/fx"
for kind in "${kinds[@]}"; do
  for i in $(seq 0 "$FILES"); do # 0 is the warm-up file
    make_mp3 "$kind" "$i" "$tmp/fx/$kind-$i.mp3"
  done
done
rm -f "$tmp/fx.wav"
ls -l "$tmp/fx" >"$out/fixtures.txt"

start_silo
rss_started=$(rss_kb VmRSS)
curl -fsS "$base/api/silo" >"$tmp/silo.json"
decoder=$(json_field decoder "$tmp/silo.json")
log "silo decodes MP3 with ${decoder:-?}"

# Uploads FILE as NAME, checks the silo read it as the expected kind, and asks for one WAV URL
# per rate (written to $tmp/urls/NAME-RATE). Everything here happens before any measurement.
mkdir -p "$tmp/urls"
upload() { # kind file name
  local kind=$1 f=$2 name=$3 rate sr ch
  curl -fsS -X PUT --data-binary @"$f" -H 'Content-Type: audio/mpeg' "$base/api/media/$name" >"$tmp/upload.json"
  sr=$(json_field sampleRate "$tmp/upload.json")
  ch=$(json_field channels "$tmp/upload.json")
  if [ "$(json_field codec "$tmp/upload.json")" != mp3 ] || [ "$sr" != "${src_rate[$kind]}" ] || [ "$ch" != "${channels[$kind]}" ]; then
    log "upload of $name not read as $kind: $(cat "$tmp/upload.json")"
    return 1
  fi
  printf '%s\t%s\n' "$name" "$(cat "$tmp/upload.json")" >>"$out/uploads.tsv"
  for rate in $RATES; do
    curl -fsS -X POST -H 'Content-Type: application/json' \
      -d "{\"mediaName\":\"$name\",\"format\":\"wav\",\"rate\":$rate,\"protocol\":\"http\"}" "$base/api/streams" >"$tmp/stream.json"
    url=$(json_field url "$tmp/stream.json")
    case "$url" in "$base"/m/*"-$rate/"*.wav) ;; *) log "unexpected stream answer: $(cat "$tmp/stream.json")"; return 1 ;; esac
    echo "$url" >"$tmp/urls/${name//\//_}-$rate"
  done
}
url_of() { cat "$tmp/urls/${1//\//_}-$2"; }

log "uploading $((ROUNDS * FILES * 2 + 2)) media items (a fresh set per round, so every measured GET transcodes)"
: >"$out/uploads.tsv"
for kind in "${kinds[@]}"; do
  upload "$kind" "$tmp/fx/$kind-0.mp3" "bench/warm/$kind"
  for r in $(seq 1 "$ROUNDS"); do
    for i in $(seq 1 "$FILES"); do
      upload "$kind" "$tmp/fx/$kind-$i.mp3" "bench/r$r/$kind-$i"
    done
  done
done

# Checks a transcoded WAV: 16-bit signed PCM, the asked rate, the source's channels, a length
# within 0.3 s of the fixture's, and a file size matching its header (44 + frames x channels x 2).
check_wav() { # file rate channels -> prints frames
  local f=$1 rate=$2 ch=$3 frames size
  [ "$(sox --i -r "$f")" = "$rate" ] && [ "$(sox --i -c "$f")" = "$ch" ] && [ "$(sox --i -b "$f")" = 16 ] &&
    [ "$(sox --i -e "$f")" = "Signed Integer PCM" ] || { log "$f: not ${rate} Hz ${ch} ch 16-bit PCM: $(sox --i "$f" 2>&1)"; return 1; }
  frames=$(sox --i -s "$f")
  size=$(stat -c %s "$f")
  [ "$size" -eq $((44 + frames * ch * 2)) ] || { log "$f: $size bytes for $frames frames"; return 1; }
  awk -v n="$frames" -v r="$rate" -v s="$AUDIO_SECONDS" 'BEGIN {d = n / r - s; exit (d < -0.3 || d > 0.3)}' ||
    { log "$f: $frames frames at $rate Hz is not ${AUDIO_SECONDS}s"; return 1; }
  echo "$frames"
}

log "warm-up: one transcode per kind and rate (JIT), not counted"
: >"$out/warmup.tsv"
for kind in "${kinds[@]}"; do
  for rate in $RATES; do
    t0=$(silo_ticks); w0=$(now_ns)
    curl -fsS -o "$tmp/warm.wav" "$(url_of "bench/warm/$kind" "$rate")"
    w1=$(now_ns); t1=$(silo_ticks)
    check_wav "$tmp/warm.wav" "$rate" "${channels[$kind]}" >/dev/null
    printf '%s\t%s\t%s\t%s\n' "$kind" "$rate" "$(awk -v t=$((t1 - t0)) -v hz="$hz" 'BEGIN {printf "%.2f", t / hz}')" \
      "$(awk -v w=$((w1 - w0)) 'BEGIN {printf "%.2f", w / 1e9}')" >>"$out/warmup.tsv"
  done
done

log "silo idle CPU over ${IDLE_SECONDS}s"
t0=$(silo_ticks)
sleep "$IDLE_SECONDS"
idle_cpu=$(awk -v t=$(($(silo_ticks) - t0)) -v hz="$hz" -v s="$IDLE_SECONDS" 'BEGIN {printf "%.3f", t / hz / s}')
rss_before=$(rss_kb VmRSS)

# ---------------------------------------------------------------------------------------------
# Rows: round kind rate who files audio_s cpu_s wall_s other_cpu_s
rows="$tmp/rows.tsv"
: >"$rows"
: >"$out/requests.tsv"
: >"$out/checks.tsv"
wav_bytes=0
transcoded=0
TIMEFORMAT='%3R %3U %3S'

record() { # round kind rate who cpu_s wall_s busy_ticks
  local other
  other=$(awk -v b="$7" -v hz="$hz" -v c="$5" 'BEGIN {o = b / hz - c; printf "%.2f", (o < 0 ? 0 : o)}')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$FILES" "$((FILES * AUDIO_SECONDS))" "$5" "$6" "$other" >>"$rows"
}

run_silo() { # round kind rate
  local r=$1 kind=$2 rate=$3 i t0 t1 b0 b1 w0 w1 dir="$tmp/silo/r$1/$2-$3"
  mkdir -p "$dir"
  for i in $(seq 1 "$FILES"); do url_of "bench/r$r/$kind-$i" "$rate" >"$dir/$i.url"; done
  b0=$(machine_busy_ticks); t0=$(silo_ticks); w0=$(now_ns)
  for i in $(seq 1 "$FILES"); do
    # First GET of this variant: the grain decodes, resamples and caches it.
    curl -fsS -o "$dir/$i.wav" -w "$r\t$kind\t$rate\t$i\t%{http_code}\t%{time_total}\t%{size_download}\t%{content_type}\n" \
      "$(cat "$dir/$i.url")" >>"$out/requests.tsv"
  done
  w1=$(now_ns); t1=$(silo_ticks); b1=$(machine_busy_ticks)
  record "$r" "$kind" "$rate" silo "$(awk -v t=$((t1 - t0)) -v hz="$hz" 'BEGIN {printf "%.2f", t / hz}')" \
    "$(awk -v w=$((w1 - w0)) 'BEGIN {printf "%.2f", w / 1e9}')" $((b1 - b0))
}

run_baseline() { # round kind rate who
  local r=$1 kind=$2 rate=$3 who=$4 sr=${src_rate[$2]} ch=${channels[$2]} b0 b1 wall u s
  local dir="$tmp/$who/r$1/$2-$3"
  mkdir -p "$dir"
  b0=$(machine_busy_ticks)
  # The tools' stderr is redirected per command: a redirection on or in the timed subshell would
  # also take bash's timing line.
  if [ "$who" = pipeline ]; then
    { time (
      for i in $(seq 1 "$FILES"); do
        mpg123 -q -s "$tmp/fx/$kind-$i.mp3" 2>>"$tmp/baseline.log" |
          sox -t raw -r "$sr" -c "$ch" -e signed -b 16 - -t wav -r "$rate" -c "$ch" "$dir/$i.wav" 2>>"$tmp/baseline.log"
      done
    ); } 2>"$tmp/time.txt"
  else
    { time (
      for i in $(seq 1 "$FILES"); do
        sox "$tmp/fx/$kind-$i.mp3" -r "$rate" "$dir/$i.wav" 2>>"$tmp/baseline.log"
      done
    ); } 2>"$tmp/time.txt"
  fi
  b1=$(machine_busy_ticks)
  read -r wall u s <"$tmp/time.txt"
  record "$r" "$kind" "$rate" "$who" "$(awk -v u="$u" -v s="$s" 'BEGIN {printf "%.3f", u + s}')" "$wall" $((b1 - b0))
}

# Outside the measured batches: every silo response valid, and as loud as the pipeline's output
# of the same file at the same rate (RMS within 10 %), lengths compared.
rms() { sox "$1" -n stat 2>&1 | awk '/^RMS +amplitude/ {print $3}'; }
check_round() { # round kind rate
  local r=$1 kind=$2 rate=$3 i f p frames pframes a b
  for i in $(seq 1 "$FILES"); do
    f="$tmp/silo/r$r/$kind-$rate/$i.wav"
    p="$tmp/pipeline/r$r/$kind-$rate/$i.wav"
    frames=$(check_wav "$f" "$rate" "${channels[$kind]}")
    pframes=$(sox --i -s "$p")
    wav_bytes=$((wav_bytes + $(stat -c %s "$f")))
    transcoded=$((transcoded + 1))
    if [ "$r" = 1 ]; then
      a=$(rms "$f"); b=$(rms "$p")
      awk -v a="$a" -v b="$b" 'BEGIN {exit !(b > 0 && a / b > 0.9 && a / b < 1.1)}' ||
        { log "$f: RMS $a, pipeline's $b"; exit 1; }
    else
      a=-; b=-
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "$kind" "$rate" "$i" "$frames" "$pframes" "$a" "$b" >>"$out/checks.tsv"
  done
  awk -F'\t' -v r="$r" -v k="$kind" -v rt="$rate" '$1 == r && $2 == k && $3 == rt && ($5 != 200 || $8 !~ /^audio\/wav/) {bad = 1} END {exit bad}' \
    "$out/requests.tsv" || { log "round $r $kind $rate: a response was not 200 audio/wav"; exit 1; }
}

for r in $(seq 1 "$ROUNDS"); do
  for kind in "${kinds[@]}"; do
    for rate in $RATES; do
      log "round $r/$ROUNDS: $kind -> ${rate} Hz WAV, $FILES files"
      # Alternate who goes first, so a slow drift of the machine's load hits both sides alike.
      if [ $((r % 2)) -eq 1 ]; then
        run_silo "$r" "$kind" "$rate"; run_baseline "$r" "$kind" "$rate" pipeline; run_baseline "$r" "$kind" "$rate" sox
      else
        run_baseline "$r" "$kind" "$rate" sox; run_baseline "$r" "$kind" "$rate" pipeline; run_silo "$r" "$kind" "$rate"
      fi
      check_round "$r" "$kind" "$rate"
    done
  done
done
rss_after=$(rss_kb VmRSS)
hwm=$(rss_kb VmHWM)
cp "$rows" "$out/rounds.tsv"

log "re-GET of round 1's variants (must come from cache)"
t0=$(silo_ticks); w0=$(now_ns); regets=0
for kind in "${kinds[@]}"; do
  for rate in $RATES; do
    for i in $(seq 1 "$FILES"); do
      curl -fsS -o "$tmp/again.wav" "$(cat "$tmp/silo/r1/$kind-$rate/$i.url")"
      cmp -s "$tmp/again.wav" "$tmp/silo/r1/$kind-$rate/$i.wav" || { log "re-GET of r1 $kind $rate $i differs"; exit 1; }
      regets=$((regets + 1))
    done
  done
done
reget_cpu=$(awk -v t=$(($(silo_ticks) - t0)) -v hz="$hz" 'BEGIN {printf "%.2f", t / hz}')
reget_wall=$(awk -v w=$(($(now_ns) - w0)) 'BEGIN {printf "%.2f", w / 1e9}')
# Exactly one transcode per item and rate (the re-GETs above must not add any). The console
# logger writes asynchronously: give it a few seconds to catch up.
expected_transcodes=$(( (ROUNDS * FILES + 1) * 2 * $(echo $RATES | wc -w) ))
deadline=$((SECONDS + 10))
until [ "$(grep -c 'transcoded to wav' "$tmp/silo.log")" -ge "$expected_transcodes" ] || [ "$SECONDS" -ge "$deadline" ]; do
  sleep 0.2
done
logged=$(grep -c 'transcoded to wav' "$tmp/silo.log" || true)
[ "$logged" -eq "$expected_transcodes" ] || { log "silo log shows $logged transcodes, expected $expected_transcodes"; exit 1; }

# ---------------------------------------------------------------------------------------------
# A batch is suspect when other busy CPU exceeds a quarter of the machine for its duration.
noisy=$(awk -F'\t' -v n="$(nproc)" '$9 > n * $8 / 4 {c++} END {print c + 0}' "$rows")
batches=$(wc -l <"$rows")
tput() { awk -v a="$1" -v c="$2" 'BEGIN {if (c > 0) printf "%.0f", a / c; else print "∞"}'; }
# Median over rounds of audio seconds per CPU second for one kind, rate and side (lower median).
median_tput() {
  awk -F'\t' -v k="$1" -v r="$2" -v w="$3" '$2 == k && $3 == r && $4 == w {print ($7 > 0 ? $6 / $7 : 1e9)}' "$rows" |
    sort -g | awk -v n="$ROUNDS" 'NR == int((n + 1) / 2) {printf "%.0f", $1}'
}
median_col() { # kind rate who column -> median of that column over rounds
  awk -F'\t' -v k="$1" -v r="$2" -v w="$3" -v c="$4" '$2 == k && $3 == r && $4 == w {print $c}' "$rows" |
    sort -g | awk -v n="$ROUNDS" 'NR == int((n + 1) / 2) {print $1}'
}
median_req_ms() {
  awk -F'\t' -v k="$1" -v r="$2" '$2 == k && $3 == r {print $6 * 1000}' "$out/requests.tsv" |
    sort -g | awk '{v[NR] = $1} END {printf "%.0f", v[int((NR + 1) / 2)]}'
}
grain_ms() { # median "transcoded ... in N ms" of the measured items of one kind and rate
  grep -E "Media bench/r[0-9]+/$1-[0-9]+ version .* at $2 Hz" "$tmp/silo.log" |
    sed -n 's/.* in \([0-9.]*\) ms).*/\1/p' | sort -g | awk '{v[NR] = $1} END {printf "%.0f", v[int((NR + 1) / 2)]}'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }

commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git -C "$repo" status --porcelain --untracked-files=no 2>/dev/null)" ]; then commit="$commit (+uncommitted changes)"; fi
model=$(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo)
[ -n "$model" ] || model=$(lscpu 2>/dev/null | awk -F': *' '/Model name/ {print $2; exit}')
batch_audio=$((FILES * AUDIO_SECONDS))

summary="$out/summary.md"
{
  echo "## MP3 → WAV transcoding: silo vs mpg123 | sox"
  echo
  echo "- date (UTC): $(date -u '+%Y-%m-%d %H:%M')"
  echo "- commit: $commit"
  echo "- machine: $(nproc) cores, ${model:-unknown CPU}, $(uname -sr), load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- tools: dotnet $(dotnet --version), $(mpg123 --version | awk '{print "mpg123 " $2}'), $(sox --version | sed 's/.*SoX v/sox /'), $(lame --version | head -1 | awk '{print "lame " $4}')"
  echo "- fixtures: per kind $FILES different MP3s of ${AUDIO_SECONDS} s (sweep + pink noise, lame CBR); a batch = the $FILES files = ${batch_audio} s of audio"
  echo "- silo MP3 decoder: ${decoder:-unknown} (GET /api/silo; Media__Audio__Decoder=${Media__Audio__Decoder:-unset})"
  echo "- silo: first GET of each file's WAV URL, one request at a time with curl; CPU = the silo process's utime+stime (/proc/PID/stat, 1/${hz} s ticks) over the batch; a fresh set of media items per round, after one warm-up transcode per kind and rate"
  echo "- pipeline: \`mpg123 -q -s F.mp3 | sox -t raw -r SRC -c CH -e signed -b 16 - -t wav -r RATE -c CH F.wav\`; sox alone: \`sox F.mp3 -r RATE F.wav\` (libmad decode, sox's default rate quality and dither); CPU = user+sys of the batch's processes (bash \`time\`)"
  echo "- $ROUNDS rounds, sides alternating who goes first; reported: per side the median round by audio s per CPU s"
  echo
  echo "| MP3 → WAV | silo audio s / CPU s | pipeline audio s / CPU s | **silo / pipeline** | sox alone audio s / CPU s | silo CPU s per batch | pipeline CPU s per batch | silo GET per file (median) | grain transcode per file (median) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  for kind in "${kinds[@]}"; do
    for rate in $RATES; do
      s=$(median_tput "$kind" "$rate" silo)
      p=$(median_tput "$kind" "$rate" pipeline)
      x=$(median_tput "$kind" "$rate" sox)
      printf '| %s → %s Hz | %s | %s | **%s×** | %s | %s | %s | %s ms | %s ms |\n' "${label[$kind]}" "$rate" "$s" "$p" \
        "$(ratio "$s" "$p")" "$x" "$(median_col "$kind" "$rate" silo 7)" "$(median_col "$kind" "$rate" pipeline 7)" \
        "$(median_req_ms "$kind" "$rate")" "$(grain_ms "$kind" "$rate")"
    done
  done
  echo
  echo "All batches (CPU s / wall s; \"other\" = busy CPU on the machine besides the measured side, i.e. curl, the kernel and any other load):"
  echo
  echo "| round | MP3 → WAV | silo CPU / wall | other | pipeline CPU / wall | other | sox CPU / wall | other | silo / pipeline |"
  echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|"
  for r in $(seq 1 "$ROUNDS"); do
    for kind in "${kinds[@]}"; do
      for rate in $RATES; do
        awk -F'\t' -v r="$r" -v k="$kind" -v rt="$rate" -v lab="$kind → $rate" '
          $1 == r && $2 == k && $3 == rt {cpu[$4] = $7; wall[$4] = $8; other[$4] = $9}
          END {printf "| %s | %s | %s / %s | %s | %s / %s | %s | %s / %s | %s | %.2f× |\n", r, lab,
            cpu["silo"], wall["silo"], other["silo"], cpu["pipeline"], wall["pipeline"], other["pipeline"],
            cpu["sox"], wall["sox"], other["sox"], (cpu["silo"] > 0 ? cpu["pipeline"] / cpu["silo"] : 0)}' "$rows"
      done
    done
  done
  echo
  if [ "$noisy" -gt 0 ]; then
    echo "**Warning: in $noisy of $batches batches other work used more than a quarter of the machine. CPU seconds are less disturbed than wall time, but treat these numbers as noisy.**"
    echo
  fi
  echo "First (cold, JIT) transcode per kind and rate, not counted above (silo CPU s / wall s):"
  awk -F'\t' '{printf "%s %s → %s Hz: %s / %s", sep, $1, $2, $3, $4; sep = ";"} END {print ""}' "$out/warmup.tsv"
  echo
  echo "Memory (VmRSS of the silo): $((rss_started / 1024)) MiB when healthy; $((rss_before / 1024)) MiB after the uploads and warm-up;"
  echo "$((rss_after / 1024)) MiB after the $transcoded measured transcodes (peak VmHWM $((hwm / 1024)) MiB):"
  echo "**$(awk -v a="$rss_after" -v b="$rss_before" -v n="$transcoded" 'BEGIN {printf "%.1f", (a - b) / 1024 / n}') MiB more per transcoded item**"
  echo "for an average WAV of $(awk -v w="$wav_bytes" -v n="$transcoded" 'BEGIN {printf "%.2f", w / 1048576 / n}') MiB ($(awk -v w="$wav_bytes" 'BEGIN {printf "%.0f", w / 1048576}') MiB of WAV in all),"
  echo "of which two copies of the WAV, $(awk -v w="$wav_bytes" -v n="$transcoded" 'BEGIN {printf "%.1f", 2 * w / 1048576 / n}') MiB per item, are held by design."
  echo "The MediaFileGrain keeps every transcoded WAV in memory (per version and variant, as long as the"
  echo "grain is active) and the silo's playback cache keeps a second copy (bounded by Media:Http:CacheBytes,"
  echo "256 MiB by default); RSS also holds whatever decode buffers the server GC has not returned yet."
  echo
  echo "Re-GET of round 1's $regets variants: byte-identical, silo CPU ${reget_cpu} s, wall ${reget_wall} s (served from cache)."
  echo "Silo idle CPU before the batches: ${idle_cpu} CPU s per s. Checks: every response 200 audio/wav, 16-bit PCM,"
  echo "the asked rate and the source's channels, size = 44 + frames × channels × 2, length within 0.3 s of ${AUDIO_SECONDS} s;"
  echo "round 1: RMS within 10 % of the pipeline's output. Length vs the pipeline's (frames, max |silo − pipeline|):"
  awk -F'\t' '{d = $5 - $6; if (d < 0) d = -d; k = $2 " → " $3; if (!(k in m) || d > m[k]) m[k] = d; if (!(k in o)) {o[k] = ++n; ks[n] = k}}
    END {for (i = 1; i <= n; i++) printf "%s %s: %d", (i > 1 ? ";" : ""), ks[i], m[ks[i]]; print ""}' "$out/checks.tsv"
  echo
  echo "Raw outputs: bench/results/$(basename "$out")/"
} >"$summary"

cat "$summary"
ln -sfn "$(basename "$out")" "$results/transcode-latest"
