#!/usr/bin/env bash
# Runs the reliability suites of trigger-client at full size and writes RELIABILITY.md at
# the repository root from the figures they leave in trigger-client/target/reliability/.
# Usage, from anywhere: reliability/run.sh   (offline Maven; pass -n to skip the install)
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
# Offline when the local repository already has everything, else online (a fresh clone).
mvn=(./mvnw -B -o)
if [[ "${1:-}" != "-n" ]]; then
	if ! "${mvn[@]}" -q -pl trigger-client -am install -DskipTests 2>/dev/null; then
		mvn=(./mvnw -B)
		"${mvn[@]}" -q -pl trigger-client -am install -DskipTests || { echo "install failed" >&2; exit 1; }
	fi
fi
figures=trigger-client/target/reliability
rm -rf "$figures"
log=$(mktemp)
"${mvn[@]}" -pl trigger-client test \
	-Dtest='Reliability*,io.trigger4j.client.reliability.*,BadInputTests' \
	-Dtrigger4j.reliability.full=true -Dsurefire.failIfNoSpecifiedTests=false | tee "$log"
status=${PIPESTATUS[0]}
reports=trigger-client/target/surefire-reports
bad_input_rows=$(grep -o 'tests="[0-9]*"' "$reports/TEST-io.trigger4j.client.BadInputTests.xml" 2>/dev/null | head -1 | tr -dc 0-9)
summary=$(grep -E '^\[(INFO|ERROR|WARNING)\] Tests run: .* -- in ' "$log" | sed -E 's/^\[[A-Z]+\] //')
failures=$(grep -E '^\[ERROR\]   ' "$log" | sed -E 's/^\[ERROR\]   //')
{
	echo "# Reliability"
	echo
	echo "What trigger4j's client was put through and what happened: faults, a randomised run, load,"
	echo "rate limits, secrets and bad input, as a user's service would meet them (issue 14). Generated;"
	echo "do not edit. Regenerate with:"
	echo
	echo '```'
	echo "reliability/run.sh"
	echo '```'
	echo
	echo "which runs \`./mvnw -B -pl trigger-client test -Dtest='Reliability*,io.trigger4j.client.reliability.*,BadInputTests' -Dtrigger4j.reliability.full=true\`"
	echo "(the suites also run, at smaller sizes where noted, in the normal \`./mvnw verify\`)."
	echo
	echo "- Date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
	echo "- Commit: $(git rev-parse --short HEAD 2>/dev/null)$( [[ -n "$(git status --porcelain -- . ':!RELIABILITY.md' 2>/dev/null)" ]] && echo ' (with uncommitted changes)')"
	echo "- JDK: $(java -version 2>&1 | head -1)"
	echo "- Machine: $(nproc) cores, $(uname -sm)"
	echo "- Result: $( [[ $status -eq 0 ]] && echo 'all suites passed' || echo "FAILURES (exit $status), listed at the end")"
	echo
	for suite in faults randomised load rate-limits secrets; do
		if [[ -f "$figures/$suite.md" ]]; then
			cat "$figures/$suite.md"
		else
			echo "## $suite"
			echo
			echo "(no figures: the suite did not run to its report)"
		fi
		echo
	done
	echo "## Bad input"
	echo
	echo "\`BadInputTests\`: ${bad_input_rows:-?} rows of bad arguments across all resources, each rejected before any"
	echo "request (a server counting zero requests) with a message naming the argument."
	echo
	echo "## Test results"
	echo
	echo '```'
	echo "$summary"
	echo '```'
	if [[ -n "$failures" ]]; then
		echo
		echo "Failures:"
		echo
		echo '```'
		echo "$failures"
		echo '```'
	fi
} > "$root/RELIABILITY.md"
rm -f "$log"
echo "wrote $root/RELIABILITY.md"
exit "$status"
