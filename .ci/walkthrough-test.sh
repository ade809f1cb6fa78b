#!/usr/bin/env bash
# Runs the walkthrough's commands, so that the docs cannot rot.
#
# 1. docs/walkthrough.md and docs/walkthrough.de.md must have the same commands: the same bash blocks, in the same
#    order, with the same Docker variant, and the same expected outputs (```output blocks, below). Comment lines of
#    bash blocks are left out of the comparison, since they are translated.
# 2. Every bash block of docs/walkthrough.md that works without Docker runs, in document order, in one bash session,
#    as a learner would paste them into their second terminal: variables (ORDER) and shell functions (kafka-topics)
#    that one block defines are there for the next. A block that opens the bakery (`./bakery up ...` alone) is the
#    exception: it runs in the background, as in the learner's first terminal, and the next block waits until all
#    four departments and the board are ready. The first such block opens the bakery before the session begins; a later one (lab
#    4 reopens it with three brokers, after a block that closes it) is run the same way inside the session.
# 3. A block passes when every command in it succeeds (errexit, nounset, pipefail), within a time limit. Where a doc
#    command waits for something asynchronous, the command itself says how long (a console consumer's --timeout-ms)
#    or until what (an until-loop, bounded here by the block's time limit), so that it passes for a learner and here
#    alike; nothing in this script knows about individual blocks.
# 4. A bash block followed by an ```output block (the next fenced block after it) must print what that block shows.
#    The syntax, documented for readers in docs/walkthrough.md ("How to read the expected outputs"):
#      - every non-blank line of the output block must match a line of what the bash block printed (stdout and
#        stderr together), in the same order; other lines may come in between (warnings, a line the text leaves out);
#      - `...` inside a line matches any text (also none); a line `...` alone stands for lines left out and matches
#        nothing; `<name>` (a word in angle brackets: <id>, <offset>) matches one word, i.e. text without blanks;
#      - runs of blanks and tabs count as one blank, and leading and trailing blanks are ignored, so that aligned
#        columns may be written with spaces.
#    A ```text block is an illustration (a measured run, a shortened table) and is not compared. A mismatch fails the
#    block with the expected lines marked (matched / not found) and what the block printed.
# 5. The smoke test (.ci/smoke-test.sh) checks the bakery right after it opened, and that nothing is left after the
#    walkthrough's last block closed it.
# 6. Whatever happens, the bakery is closed at the end and no port of it is left open.
#
# The blocks marked `# with Docker` cannot run here (CI has no Docker engine); they are only checked for bash syntax.
# Needs: a JDK 17, curl, and psql (Debian's postgresql-client) for the step that reads a department's database.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
readonly ROOT="$PWD"
readonly ENGLISH=docs/walkthrough.md GERMAN=docs/walkthrough.de.md
# The bakery's ports (the board's among them), those of the extra bake houses of the scaling lab and of the extra
# brokers.
readonly PORTS=(9092 9093 9102 9112 5432 8081 8082 8083 8084 8085 8086 8092 8102 9411)
readonly OPEN_TIMEOUT="${WALKTHROUGH_OPEN_TIMEOUT:-900}" # includes a first build, if the jars are missing or stale
readonly BLOCK_TIMEOUT="${WALKTHROUGH_BLOCK_TIMEOUT:-600}" # the scaling lab takes minutes
# CI bakes ten times faster than the class (time scale 0.02 instead of 0.2, as the end-to-end tests), with the orders the class places (the
# scaling lab's 36 orders of 36 rye breads): it checks that every command runs and prints what the walkthrough shows
# and that nothing is lost or doubled, not the figures, and keeps within its time.
export BAKERY_SIMULATION_TIME_SCALE="${BAKERY_SIMULATION_TIME_SCALE:-0.02}"
WORK="$(mktemp -d -t walkthrough.XXXXXX)"
readonly WORK
up_pid="" session_pid=""

say() { printf 'walkthrough: %s\n' "$*"; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

print_logs() {
	local log
	[[ -n "$up_pid" ]] || return 0
	if [[ -s "$WORK/up.log" ]]; then
		echo "--- ./bakery up said (last lines) ---"
		tail -n 30 "$WORK/up.log"
	fi
	for log in "$ROOT"/.bakery/logs/*.log; do
		[[ -f "$log" ]] || continue
		echo "--- last lines of ${log#"$ROOT"/} ---"
		tail -n 30 "$log"
	done
}

# Reports, shows the logs while they still end where the failure happened, and exits; the trap closes the bakery.
fail() {
	say "FAILED: $*" >&2
	print_logs >&2
	exit 1
}

up_running() { [[ -n "$up_pid" ]] && kill -0 "$up_pid" 2>/dev/null; }
session_running() { [[ -n "$session_pid" ]] && kill -0 "$session_pid" 2>/dev/null; }

# Whatever happens: no session, no bakery and no port of it left behind.
cleanup() {
	local status=$? port open=()
	trap - EXIT
	if session_running; then kill -KILL -- "-$session_pid" 2>/dev/null || true; fi
	if [[ -z "$up_pid" ]]; then
		# Never opened: whatever holds the bakery's ports is somebody else's; leave it alone.
		rm -rf "$WORK"
		exit "$status"
	fi
	./bakery down >/dev/null 2>&1 || true
	if up_running; then
		sleep 5
		kill -KILL -- "-$up_pid" 2>/dev/null || true
	fi
	if [[ -s "$WORK/reopened.pid" ]] && kill -0 "$(<"$WORK/reopened.pid")" 2>/dev/null; then
		sleep 5
		kill -KILL -- "-$(<"$WORK/reopened.pid")" 2>/dev/null || true
	fi
	for port in "${PORTS[@]}"; do
		if port_open "$port"; then open+=("$port"); fi
	done
	rm -rf "$WORK"
	if ((${#open[@]})); then
		say "FAILED: ports still in use after ./bakery down: ${open[*]}" >&2
		ss -ltnp 2>/dev/null | grep -E ":($(
			IFS='|'
			echo "${open[*]}"
		))\b" >&2 || true
		exit 1
	fi
	say "the bakery is closed; ports ${PORTS[*]} are free"
	exit "$status"
}
trap cleanup EXIT
# Cancelled (Ctrl-C, CI's SIGTERM): close the bakery all the same.
trap 'exit 130' INT TERM HUP

# --- reading the walkthroughs -----------------------------------------------------------------------------------

# Fills BLOCK_TEXT, BLOCK_LINE (where the block's first line is) and BLOCK_VARIANT (both, with or without: Docker)
# with the ```bash blocks of a walkthrough, and BLOCK_EXPECTED / BLOCK_EXPECTED_LINE with the ```output block that
# follows a bash block (empty if the next fenced block is not one). A block whose first line is `# with Docker` /
# `# mit Docker` (or `without` / `ohne`) is one of two variants; any other block is for both.
read_blocks() {
	local file="$1" line number=0 inside="" i previous=""
	BLOCK_TEXT=() BLOCK_LINE=() BLOCK_VARIANT=() BLOCK_EXPECTED=() BLOCK_EXPECTED_LINE=()
	while IFS= read -r line || [[ -n "$line" ]]; do
		number=$((number + 1))
		if [[ -z "$inside" ]]; then
			if [[ "$line" =~ ^\`\`\`bash[[:space:]]*$ ]]; then
				inside=bash
				BLOCK_TEXT+=("") BLOCK_LINE+=($((number + 1))) BLOCK_VARIANT+=(both)
				BLOCK_EXPECTED+=("") BLOCK_EXPECTED_LINE+=("")
			elif [[ "$line" =~ ^\`\`\`output[[:space:]]*$ ]]; then
				[[ "$previous" == bash ]] ||
					fail "$file line $number: an output block must come right after the bash block whose output it shows"
				inside=output
				BLOCK_EXPECTED_LINE[${#BLOCK_TEXT[@]} - 1]=$((number + 1))
			elif [[ "$line" == '```'* ]]; then
				inside=other
			fi
			continue
		fi
		if [[ "$line" == '```'* ]]; then
			previous="$inside" inside=""
			continue
		fi
		i=$((${#BLOCK_TEXT[@]} - 1))
		if [[ "$inside" == output ]]; then
			BLOCK_EXPECTED[i]+="$line"$'\n'
			continue
		fi
		[[ "$inside" == bash ]] || continue
		if [[ -z "${BLOCK_TEXT[i]}" ]]; then
			case "$line" in
				'# without Docker' | '# ohne Docker') BLOCK_VARIANT[i]=without ;;
				'# with Docker' | '# mit Docker') BLOCK_VARIANT[i]=with ;;
			esac
		fi
		BLOCK_TEXT[i]+="$line"$'\n'
	done <"$file"
	[[ -z "$inside" ]] || fail "$file: a fenced block is never closed"
	((${#BLOCK_TEXT[@]} > 0)) || fail "$file has no bash blocks"
}

# A block without its comment lines and blank lines: what is left is the same in every language.
commands_of_block() { grep -v -E '^[[:space:]]*(#|$)' <<<"$1" || true; }

# All commands of a walkthrough, block by block. Line numbers are left out: the prose around them differs.
commands_of() {
	local i
	read_blocks "$1"
	for i in "${!BLOCK_TEXT[@]}"; do
		case "${BLOCK_VARIANT[i]}" in
			both) printf '=== block %d\n' "$((i + 1))" ;;
			*) printf '=== block %d (%s Docker)\n' "$((i + 1))" "${BLOCK_VARIANT[i]}" ;;
		esac
		commands_of_block "${BLOCK_TEXT[i]}"
		if [[ -n "${BLOCK_EXPECTED_LINE[i]}" ]]; then
			echo "--- expected output"
			printf '%s' "${BLOCK_EXPECTED[i]}"
		fi
	done
}

# --- 1. the same commands in both languages ----------------------------------------------------------------------

english_commands="$(commands_of "$ENGLISH")"
german_commands="$(commands_of "$GERMAN")"
if ! diff -u --label "$ENGLISH" --label "$GERMAN" <(echo "$english_commands") <(echo "$german_commands") \
	>"$WORK/languages.diff"; then
	cat "$WORK/languages.diff" >&2
	fail "$ENGLISH and $GERMAN do not have the same commands and expected outputs (diff above)"
fi
read_blocks "$ENGLISH"
expected_count=0
for i in "${!BLOCK_TEXT[@]}"; do
	if [[ -n "${BLOCK_EXPECTED_LINE[i]}" ]]; then expected_count=$((expected_count + 1)); fi
done
say "$ENGLISH and $GERMAN have the same ${#BLOCK_TEXT[@]} bash blocks and $expected_count expected outputs"

# --- 2. which blocks run --------------------------------------------------------------------------------------------

# Every block must at least be valid bash, the Docker ones included.
for i in "${!BLOCK_TEXT[@]}"; do
	bash -n <<<"${BLOCK_TEXT[i]}" 2>"$WORK/syntax" ||
		fail "$ENGLISH line ${BLOCK_LINE[i]}: not valid bash: $(<"$WORK/syntax")"$'\n'"${BLOCK_TEXT[i]}"
done

open_command="" runs=() reopens=()
for i in "${!BLOCK_TEXT[@]}"; do
	[[ "${BLOCK_VARIANT[i]}" != with ]] || continue
	commands="$(commands_of_block "${BLOCK_TEXT[i]}")"
	if [[ "$commands" == "./bakery up"* && "$commands" != *$'\n'* ]]; then
		if [[ -z "$open_command" ]]; then
			open_command="$commands"
			continue
		fi
		reopens+=("$i")
	fi
	runs+=("$i")
done
[[ -n "$open_command" ]] || fail "$ENGLISH has no block that opens the bakery with ./bakery up"

# The session: each block in a file of its own, sourced one after the other by one bash, so that the blocks share
# variables and functions as in one terminal. Before each block the session notes which block it is (the watchdog
# below times it) and prints it; errexit ends the session at the first command that fails.
{
	cat <<'EOF'
set -euo pipefail
walkthrough_begin() {
	echo "$1" >"$WALKTHROUGH_WORK/current"
	printf '\n=== block %s of %s: %s line %s ===\n' "$1" "$WALKTHROUGH_BLOCKS" "$WALKTHROUGH_DOC" \
		"$(<"$WALKTHROUGH_WORK/block-$1.line")"
	sed 's/^/    /' "$WALKTHROUGH_WORK/block-$1.sh"
	echo "--- output"
	walkthrough_started=$SECONDS
}
# Runs a block in this shell (so that its variables and functions stay), its output into a file; errexit ends the
# session at a failing command, and the outer script shows the file.
walkthrough_run() {
	source "$WALKTHROUGH_WORK/block-$1.sh" >"$WALKTHROUGH_WORK/out-$1" 2>&1 </dev/null
	cat "$WALKTHROUGH_WORK/out-$1"
	# A newline, if the output does not end with one (curl -s prints a JSON body without).
	if [[ -s "$WALKTHROUGH_WORK/out-$1" && -n "$(tail -c 1 "$WALKTHROUGH_WORK/out-$1")" ]]; then echo; fi
}
# A line as compared: blanks and tabs collapsed, no leading or trailing blanks, no carriage return.
walkthrough_normal() {
	local line="${1//$'\r'/}"
	line="${line//$'\t'/ }"
	while [[ "$line" == *"  "* ]]; do line="${line//  / }"; done
	line="${line# }"
	printf '%s' "${line% }"
}
# An expected line as an anchored extended regular expression: `...` matches any text, `<name>` one word.
walkthrough_pattern() {
	local pattern
	pattern="$(walkthrough_normal "$1" | sed -E -e 's/[][\\.*^$(){}?+|]/\\&/g' -e 's/\\\.\\\.\\\./.*/g' \
		-e 's/<[A-Za-z][A-Za-z0-9_-]*>/[^ ]+/g')"
	printf '^%s$' "$pattern"
}
# Compares a block's output with the block's expected output, if it has one: each non-blank expected line must
# match a later line of the output than the one before it.
walkthrough_expect() {
	local expected="$WALKTHROUGH_WORK/expect-$1" want=() got=() i j=0 k pattern line found
	[[ -f "$expected" ]] || return 0
	mapfile -t want <"$expected"
	mapfile -t got <"$WALKTHROUGH_WORK/out-$1"
	for ((i = 0; i < ${#want[@]}; i++)); do
		# A blank line, or `...` alone (lines left out: other lines may come between anyway), matches nothing.
		case "$(walkthrough_normal "${want[i]}")" in '' | '...') continue ;; esac
		pattern="$(walkthrough_pattern "${want[i]}")"
		found=false
		while ((j < ${#got[@]})); do
			line="$(walkthrough_normal "${got[j]}")"
			j=$((j + 1))
			if [[ "$line" =~ $pattern ]]; then found=true && break; fi
		done
		[[ "$found" == true ]] && continue
		{
			printf '\n--- block %s printed something else than its expected output (%s line %s):\n' "$1" \
				"$WALKTHROUGH_DOC" "$(<"$WALKTHROUGH_WORK/expect-$1.line")"
			for ((k = 0; k < ${#want[@]}; k++)); do
				if ((k < i)); then printf '  matched    | %s\n' "${want[k]}"
				elif ((k == i)); then printf '  NOT FOUND  | %s\n' "${want[k]}"
				else printf '  not tried  | %s\n' "${want[k]}"; fi
			done
			echo "--- what the block printed (the line marked NOT FOUND matches none of these after the matched ones):"
			sed 's/^/  | /' "$WALKTHROUGH_WORK/out-$1"
		} >&2
		return 1
	done
	echo "--- output as expected (${#want[@]} lines of $WALKTHROUGH_DOC line $(<"$WALKTHROUGH_WORK/expect-$1.line"))"
}
walkthrough_end() { printf -- '--- block %s passed in %s s\n' "$1" "$((SECONDS - walkthrough_started))"; }
# Opens the bakery again (a block before closed it), in the background as in the learner's first terminal, and
# waits until the four departments and the board are ready.
walkthrough_open() {
	local port deadline=$((SECONDS + 600))
	set -m
	bash -c "$(<"$1")" >>"$WALKTHROUGH_WORK/up.log" 2>&1 </dev/null &
	echo $! >"$WALKTHROUGH_WORK/reopened.pid"
	set +m
	for port in 8081 8082 8083 8084 8085; do
		until curl -fs -o /dev/null --max-time 5 "http://localhost:$port/actuator/health/readiness"; do
			kill -0 "$(<"$WALKTHROUGH_WORK/reopened.pid")" || { echo "the bakery did not open" >&2; return 1; }
			((SECONDS < deadline)) || { echo "the bakery was not ready within 600 s" >&2; return 1; }
			sleep 1
		done
	done
	echo "open again, all four departments and the board ready"
}
EOF
	n=0
	for i in "${runs[@]}"; do
		n=$((n + 1))
		printf '%s' "${BLOCK_TEXT[i]}" >"$WORK/block-$n.sh"
		echo "${BLOCK_LINE[i]}" >"$WORK/block-$n.line"
		if [[ -n "${BLOCK_EXPECTED_LINE[i]}" ]]; then
			printf '%s' "${BLOCK_EXPECTED[i]}" >"$WORK/expect-$n"
			echo "${BLOCK_EXPECTED_LINE[i]}" >"$WORK/expect-$n.line"
		fi
		echo "walkthrough_begin $n"
		if [[ " ${reopens[*]} " == *" $i "* ]]; then
			echo "walkthrough_open \"\$WALKTHROUGH_WORK/block-$n.sh\""
		else
			echo "walkthrough_run $n"
			echo "walkthrough_expect $n"
		fi
		echo "walkthrough_end $n"
	done
	# shellcheck disable=SC2016 # expanded by the session
	echo 'echo done >"$WALKTHROUGH_WORK/current"'
} >"$WORK/session.sh"

# --- 3. open the bakery ----------------------------------------------------------------------------------------------

healthy() { curl -fs -o /dev/null --max-time 5 "http://localhost:$1/actuator/health/readiness"; }
all_healthy() {
	local port
	for port in 8081 8082 8083 8084 8085; do healthy "$port" || return 1; done
}

for command in curl psql; do
	command -v "$command" >/dev/null || fail "$command is needed (psql: Debian's postgresql-client)"
done
for port in "${PORTS[@]}"; do
	if port_open "$port"; then fail "port $port is in use before the start (another bakery, Kafka or PostgreSQL?)"; fi
done

started=$SECONDS
say "opening the bakery as the walkthrough does, in the background: $open_command"
# Job control gives it a process group of its own, as the learner's first terminal would.
set -m
bash -c "$open_command" >"$WORK/up.log" 2>&1 </dev/null &
up_pid=$!
set +m
deadline=$((SECONDS + OPEN_TIMEOUT))
until all_healthy; do
	up_running || fail "'$open_command' ended before the bakery opened"
	((SECONDS < deadline)) || fail "the four departments and the board were not ready within ${OPEN_TIMEOUT}s"
	sleep 1
done
say "open, all four departments and the board ready after $((SECONDS - started)) s"
bash .ci/smoke-test.sh open "$WORK/up.log" || fail "the smoke test failed on the bakery just opened"

# --- 4. run the blocks ------------------------------------------------------------------------------------------------

# The session has a process group of its own, so that a block that runs too long is stopped with everything it started
# (the departments that `./bakery start` starts are in sessions of their own and stay).
set -m
WALKTHROUGH_WORK="$WORK" WALKTHROUGH_BLOCKS="${#runs[@]}" WALKTHROUGH_DOC="$ENGLISH" \
	bash "$WORK/session.sh" </dev/null 2>&1 &
session_pid=$!
set +m

# The watchdog: one block may take at most BLOCK_TIMEOUT seconds.
block="" block_started=$SECONDS timed_out=false
while session_running; do
	current="$(cat "$WORK/current" 2>/dev/null || true)"
	if [[ "$current" != "$block" ]]; then block="$current" block_started=$SECONDS; fi
	if ((SECONDS - block_started > BLOCK_TIMEOUT)); then
		timed_out=true
		kill -TERM -- "-$session_pid" 2>/dev/null || true
		sleep 5
		kill -KILL -- "-$session_pid" 2>/dev/null || true
		break
	fi
	sleep 1
done
session_status=0
wait "$session_pid" || session_status=$?
session_pid=""

block="$(cat "$WORK/current" 2>/dev/null || true)"
if [[ "$block" != "done" ]]; then
	echo >&2
	if [[ -z "$block" ]]; then fail "the session ended (status $session_status) before its first block"; fi
	{
		echo "=== the failing block: $ENGLISH line $(<"$WORK/block-$block.line") ==="
		cat "$WORK/block-$block.sh"
		if [[ -f "$WORK/out-$block" ]]; then
			echo "=== what it printed ==="
			cat "$WORK/out-$block"
		fi
	} >&2
	if [[ "$timed_out" == true ]]; then
		fail "block $block did not finish within ${BLOCK_TIMEOUT}s"
	fi
	fail "block $block failed (status $session_status)"
fi
say "passed: all ${#runs[@]} blocks of $ENGLISH without Docker, in $((SECONDS - started)) s"
# The last block closed the bakery (./bakery down): whatever ./bakery up opened it ends, and leaves nothing behind.
alive() {
	local state
	state="$(ps -o stat= -p "$1" 2>/dev/null)" && [[ "$state" != Z* ]]
}
up_ended() { ! alive "$up_pid" && ! { [[ -s "$WORK/reopened.pid" ]] && alive "$(<"$WORK/reopened.pid")"; }; }
deadline=$((SECONDS + 120))
until up_ended; do
	((SECONDS < deadline)) || fail "./bakery up still runs 120 s after the walkthrough's ./bakery down"
	sleep 1
done
bash .ci/smoke-test.sh closed || fail "the smoke test found something left after ./bakery down"
