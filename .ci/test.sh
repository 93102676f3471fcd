#!/usr/bin/env bash
# The test command: builds the solution once, then runs every test project, two at a time.
#
# Two workers take the projects from one list: the first begins with the browser suite (tests/Orchestration.Studio.Tests, the
# longest), the second with the short suites, and each takes the next project when it is done. Beside the browser suite the
# short suites lose least: the workflow and end-to-end suites beside it took three times as long (930 s against 292 s alone).
# The chaos test runs last, alone, once both are done: it times the restarts of six processes, and a browser suite beside it
# on two cores nearly doubled its run (11 of its 12 minutes). Each project's output is shown whole when it ends; the exit
# status is non-zero when any project failed. Each project's output ends with its five slowest tests.
#
#   bash .ci/test.sh                      every test project
#   bash .ci/test.sh Workflows EndToEnd   only these (tests/Orchestration.<name>.Tests), one after another
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

logs="${TEST_LOGS:-${TMPDIR:-/tmp}/orchestration-tests}"
rm -rf "$logs" && mkdir -p "$logs"

shopt -s nullglob
all=()
for project in tests/Orchestration.*.Tests; do all+=("$(basename "$project" | sed -E 's/^Orchestration\.(.+)\.Tests$/\1/')"); done

# One project: its output kept in its own file, shown whole (one project at a time) when it ends.
run() {
  local name=$1 started=$SECONDS status
  dotnet test "tests/Orchestration.$name.Tests" --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$logs" \
    > "$logs/$name.log" 2>&1
  status=$?
  {
    flock 9
    echo "── Orchestration.$name.Tests: exit $status after $((SECONDS - started)) s (started at $started s)"
    cat "$logs/$name.log"
    slowest "$logs/$name.trx"
  } 9> "$logs/.print"
  [ "$status" -eq 0 ] || touch "$logs/.failed"
  return 0
}

# The five slowest tests of a project's results, so the run shows where its time goes.
slowest() {
  [ -f "$1" ] || return 0
  echo "   slowest:"
  grep -o '<UnitTestResult [^>]*' "$1" | sed -nE 's/.*testName="([^"]*)".*duration="([0-9:.]*)".*/\2 \1/p' | sort -r | head -5 \
    | sed -E 's/&quot;/"/g; s/^/     /'
}

# The next project of the list, taken by one worker only; nothing when the list is done.
next() {
  { flock 8; local name; name=$(head -n 1 "$logs/.queue"); [ -z "$name" ] || sed -i 1d "$logs/.queue"; echo "$name"; } 8> "$logs/.queue-lock"
}

worker() {
  local name
  for name in "$@"; do run "$name"; done
  while name=$(next) && [ -n "$name" ]; do run "$name"; done
}

dotnet build Orchestration.sln || exit 1

if [ $# -gt 0 ]; then
  for name in "$@"; do run "$name"; done
else
  # The short suites first, beside the browser suite; then the end-to-end and workflow suites, the heaviest after it. Any
  # project not named here comes before those two.
  short=(ServiceDefaults Nomination Vetting Audit Disposition VillagePay Abuse Local Deployment)
  heavy=(EndToEnd Workflows)
  rest=()
  for name in "${all[@]}"; do
    case " Studio Chaos ${short[*]} ${heavy[*]} " in *" $name "*) ;; *) rest+=("$name") ;; esac
  done
  printf '%s\n' "${short[@]}" "${rest[@]}" "${heavy[@]}" > "$logs/.queue"
  worker Studio &
  browser=$!
  worker
  wait "$browser"
  run Chaos
fi

if [ -e "$logs/.failed" ]; then exit 1; fi
