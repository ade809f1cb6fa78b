#!/usr/bin/env bash
# Where a command's CPU time goes, by kind of process: runs the command (e.g. `bash .ci/run`), looks at every process's
# CPU time every 5 s (ps), and prints each kind's CPU-seconds and share at the end. The README's figures for CI come
# from `bash .ci/cpu-shares.sh bash .ci/run` on a fresh clone. With CPU_SHARES_TIMELINE=<file> it also writes each
# kind's CPU-seconds per minute into that file (tab-separated), to see which phase of a run costs what.
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
awk -v timeline="${CPU_SHARES_TIMELINE:-}" '
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
	# The same process if its start (now - elapsed, whole seconds read at slightly different moments) is within 2 s of
	# the one this pid had; a bucket of the start time would split a process whose start sits on a bucket edge into
	# two, and count it twice.
	began = now - elapsed
	if (!(pid in born) || began - born[pid] > 2 || born[pid] - began > 2) born[pid] = began
	key = pid ":" born[pid]
	if (!(key in seen)) { seen[key] = 1; start[key] = (began < first) ? cpu : 0 }
	# Its kind by its last look that names one: ./mvnw and ./bakery are scripts that exec java in the same process, and
	# a first look may still see the script (ciJ counted the Maven run of verify under "other" so); a JVM seen while it
	# exits shows no arguments, only [java] (ciM counted 66 CPU-seconds of it under "other").
	if (!(key in what) || kind(args) != "other") what[key] = kind(args)
	# Per minute since the first look, for the timeline: what it used since its last look.
	minute = int((now - first) / 60); minutes = minute
	spent[key, minute] += cpu - ((key in last) ? last[key] : start[key])
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
	close("sort -rn | head -n 12")
	if (timeline != "") {
		# One line per minute: the CPU-seconds of each kind in it (which phase of a run costs what).
		for (k in spent) { split(k, part, SUBSEP); per[part[2], what[part[1]]] += spent[k] }
		printf "minute" > timeline
		for (w in used) printf "\t%s", w > timeline
		printf "\n" > timeline
		for (m = 0; m <= minutes; m++) {
			printf "%d", m > timeline
			for (w in used) printf "\t%d", per[m, w] > timeline
			printf "\n" > timeline
		}
		printf "per minute: %s\n", timeline
	}
}' "$samples"
exit "$status"
