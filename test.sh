#!/usr/bin/env bash
# Runs every test suite: tests/Qingyun.Tests and tests/Qingyun.BrowserTests.
# Installs what the suites need if it is missing (PostgreSQL 15 server, Chromium, a CJK font),
# builds once in Release, runs the suites one after the other, and ends with one line:
#   N passed, N failed, N skipped
# Extra arguments go to every `dotnet test`, e.g. ./test.sh --filter "FullyQualifiedName~Import"
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")" || exit 1

RESULTS_DIR="artifacts/test-results"
SUITES=(
  "tests/Qingyun.Tests:Qingyun.Tests"
  "tests/Qingyun.BrowserTests:Qingyun.BrowserTests"
)

log() { printf '==> %s\n' "$*" >&2; }

# ---- prerequisites -------------------------------------------------------
missing_packages=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing_packages+=(postgresql-15)
[ -x /usr/bin/chromium ] || missing_packages+=(chromium)
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
  missing_packages+=(fonts-noto-cjk)
  command -v fc-list >/dev/null 2>&1 || missing_packages+=(fontconfig)
fi

if [ "${#missing_packages[@]}" -gt 0 ]; then
  log "Installing missing packages: ${missing_packages[*]}"
  as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      as_root=(sudo)
    else
      as_root=(none)
    fi
  fi
  if [ "${as_root[*]-}" = "none" ]; then
    log "WARNING: not root and no sudo; cannot install ${missing_packages[*]}. Install them yourself; the tests that need them will fail."
  elif ! command -v apt-get >/dev/null 2>&1; then
    log "WARNING: apt-get not found; cannot install ${missing_packages[*]}. Install them yourself; the tests that need them will fail."
  elif ! { "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q \
        && "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing_packages[@]}"; } >&2; then
    log "WARNING: apt-get could not install ${missing_packages[*]}. The tests that need them will fail."
  fi
else
  log "Prerequisites present (PostgreSQL 15, Chromium, CJK font)."
fi

# ---- build once ----------------------------------------------------------
rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

commands_failed=0
notes=()
log "dotnet build Qingyun.slnx -c Release"
if ! dotnet build Qingyun.slnx -c Release; then
  commands_failed=1
  notes+=("build failed")
fi

# ---- run the suites ------------------------------------------------------
total_passed=0
total_failed=0
total_skipped=0

# Prints the value of attribute $2 from the <Counters .../> element of TRX file $1 (0 if absent).
counter() {
  local value
  value="$(tr '\n' ' ' <"$1" | grep -o '<Counters [^>]*>' | head -n1 \
    | grep -o "[[:space:]]$2=\"[0-9]*\"" | head -n1 | grep -o '[0-9][0-9]*')"
  printf '%s\n' "${value:-0}"
}

for suite in "${SUITES[@]}"; do
  project="${suite%%:*}"
  name="${suite##*:}"
  trx="$RESULTS_DIR/$name.trx"
  log "dotnet test $project"
  if ! dotnet test "$project" -c Release --no-build \
      --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS_DIR" "$@"; then
    commands_failed=1
  fi
  if [ -f "$trx" ] && grep -q '<Counters ' "$trx"; then
    passed="$(counter "$trx" passed)"
    # error/timeout/aborted are rare outcomes, but they are not passes either.
    failed=$(( $(counter "$trx" failed) + $(counter "$trx" error) + $(counter "$trx" timeout) + $(counter "$trx" aborted) ))
    # The VSTest TRX logger leaves notExecuted="0" even when tests were skipped (their results say
    # outcome="NotExecuted"), so count those results too and take the larger number.
    skipped="$(counter "$trx" notExecuted)"
    skipped_results="$(tr '\n' ' ' <"$trx" | grep -o '<UnitTestResult [^>]*>' | grep -c 'outcome="NotExecuted"')"
    [ "${skipped_results:-0}" -gt "$skipped" ] && skipped="$skipped_results"
    log "$name: $passed passed, $failed failed, $skipped skipped"
    total_passed=$((total_passed + passed))
    total_failed=$((total_failed + failed))
    total_skipped=$((total_skipped + skipped))
  else
    log "$name: no test results ($trx missing): the suite did not run or crashed; counted as 1 failed"
    notes+=("$name produced no results")
    total_failed=$((total_failed + 1))
  fi
done

for note in "${notes[@]+"${notes[@]}"}"; do
  log "NOTE: $note"
done
log "Results: $RESULTS_DIR"

status=0
if [ "$total_failed" -gt 0 ] || [ "$commands_failed" -ne 0 ] || [ "$total_passed" -eq 0 ]; then
  status=1
fi
echo "$total_passed passed, $total_failed failed, $total_skipped skipped"
exit "$status"
