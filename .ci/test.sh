#!/usr/bin/env bash
# The test command: builds the solution once, then runs every test project, two at a time.
#
# The browser suite (tests/Orchestration.Studio.Tests, the longest) has a lane of its own; the other projects run one after
# another in the second lane, longest first. The chaos test runs last, once both lanes are done: it times the restarts of six
# processes, and a browser suite beside it on two cores doubled its run (11 of its 12 minutes). Each project's output is shown
# whole when it ends; the exit status is non-zero when any project failed.
#
#   bash .ci/test.sh                      every test project
#   bash .ci/test.sh Workflows EndToEnd   only these (tests/Orchestration.<name>.Tests), one after another
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

logs="${TEST_LOGS:-${TMPDIR:-/tmp}/orchestration-tests}"
rm -rf "$logs" && mkdir -p "$logs"

all=()
for project in tests/Orchestration.*.Tests; do all+=("$(basename "$project" | sed -E 's/^Orchestration\.(.+)\.Tests$/\1/')"); done

# One project: its output kept in its own file, shown whole (one project at a time) when it ends.
run() {
  local name=$1 started=$SECONDS status
  dotnet test "tests/Orchestration.$name.Tests" --no-build > "$logs/$name.log" 2>&1
  status=$?
  {
    flock 9
    echo "── Orchestration.$name.Tests: exit $status after $((SECONDS - started)) s"
    cat "$logs/$name.log"
  } 9> "$logs/.print"
  [ "$status" -eq 0 ] || touch "$logs/.failed"
  return 0
}

lane() { for name in "$@"; do run "$name"; done; }

dotnet build Orchestration.sln || exit 1

if [ $# -gt 0 ]; then
  lane "$@"
else
  # The second lane, longest first so the short ones fill in at the end; any project not named here runs at its end.
  ordered=(Workflows EndToEnd Deployment ServiceDefaults Abuse VillagePay Disposition Vetting Nomination Audit Local)
  rest=()
  for name in "${all[@]}"; do
    case " Studio Chaos ${ordered[*]} " in *" $name "*) ;; *) rest+=("$name") ;; esac
  done
  lane Studio &
  browser=$!
  lane "${ordered[@]}" "${rest[@]}"
  wait "$browser"
  lane Chaos
fi

if [ -e "$logs/.failed" ]; then exit 1; fi
