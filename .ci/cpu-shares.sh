#!/usr/bin/env bash
# Where a command's CPU time goes, by kind of process: runs the command (e.g. `bash .ci/run`), looks at every process's
# CPU time every 5 s (ps), and prints each kind's CPU-seconds and share at the end. The README's figures for CI come
# from `bash .ci/cpu-shares.sh bash .ci/run` on a fresh clone.
#
# A process that ends between two looks loses at most its last 5 s; one that never lives through a look (a Kafka tool
# of a few seconds) is not counted. The demo's processes run from a copy of the tree (bakery-demo.*); the tests' from
# the clone itself.
set -euo pipefail
(($#)) || {
	echo "usage: $0 <command> [args...]" >&2
	exit 2
}
samples="$(mktemp -t cpu-shares.XXXXXX)"
trap 'rm -f "$samples"' EXIT

(
	while :; do
		ps -eo pid=,times=,etimes=,args= | awk -v now="$(date +%s)" '{ print now, $0 }'
		sleep 5
	done
) >>"$samples" &
sampler=$!

status=0
"$@" || status=$?
kill "$sampler" 2>/dev/null || true
wait "$sampler" 2>/dev/null || true

# One process is its pid and its start (pids are reused); its CPU is its last look minus its first, or all of it if it
# started after the first look.
awk '
function kind(args,   side) {
	side = (args ~ /bakery-demo\./) ? "demo " : "tests "
	if (args ~ /kafka\.Kafka /) return side "Kafka brokers"
	if (args ~ /surefirebooter/) return side "test JVMs (module tests and end-to-end tests)"
	if (args ~ /(checkout-service|bakery-service|packaging-service|sales-service|bakery-board)[^ ]*\.jar/) return side "departments and the board"
	if (args ~ /ConnectDistributed|connect-runtime/) return side "Kafka Connect worker"
	if (args ~ /zipkin/) return side "Zipkin"
	if (args ~ /plexus-classworlds/) return side "Maven"
	if (args ~ /bakery-launcher/) return side "./bakery (the launcher, the Kafka tools)"
	if (args ~ /postgres/) return side "PostgreSQL"
	if (args ~ /chrom/) return "tests Chromium (the board'"'"'s browser test)"
	return "other"
}
NR == 1 { first = $1 }
{
	now = $1; pid = $2; cpu = $3 + 0; elapsed = $4 + 0
	args = $0; sub(/^[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+ +/, "", args)
	key = pid ":" int((now - elapsed) / 10)
	if (!(key in seen)) { seen[key] = 1; start[key] = (now - elapsed < first) ? cpu : 0 }
	# Its kind by its last look that names one: ./mvnw and ./bakery are scripts that exec java in the same process, and
	# a first look may still see the script (ciJ counted the Maven run of verify under "other" so); a JVM seen while it
	# exits shows no arguments, only [java] (ciM counted 66 CPU-seconds of it under "other").
	if (!(key in what) || kind(args) != "other") what[key] = kind(args)
	last[key] = cpu
	# What "other" is: its program, without the path.
	split(args, word, " "); program[key] = word[1]; sub(/.*\//, "", program[key])
}
END {
	for (key in seen) {
		used[what[key]] += last[key] - start[key]; total += last[key] - start[key]
		if (what[key] == "other") others[program[key]] += last[key] - start[key]
	}
	printf "CPU-seconds by kind of process (%d in all, over %d s):\n", total, now - first
	for (w in used) printf "%7d  %5.1f%%  %s\n", used[w], 100 * used[w] / (total ? total : 1), w | "sort -rn"
	close("sort -rn")
	printf "of which \"other\", by program (the largest):\n"
	for (p in others) if (others[p] >= 1) printf "%7d  %s\n", others[p], p | "sort -rn | head -n 12"
}' "$samples"
exit "$status"
