#!/usr/bin/env bash
# Smoke test of the demo without Docker, run exactly as the README gives it (`./bakery up`): the bakery opens, all
# four departments and the board report ready, an order placed at the till reaches READY_FOR_PICKUP at the counter, a department
# killed with kill -9 is reported by ./bakery up and ./bakery status and comes back with ./bakery start, Ctrl-C closes
# the bakery, and afterwards no process, port or data directory is left behind. Then --keep-data, closed by ./bakery
# down from another terminal: the data kept, nothing else left.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
readonly ROOT="$PWD"
OUTPUT="$(mktemp -t bakery-up.XXXXXX)"
readonly OUTPUT
readonly PORTS=(9092 9093 5432 8081 8082 8083 8084 8085 9411)
readonly OPEN_TIMEOUT="${SMOKE_OPEN_TIMEOUT:-900}" # includes a first build, if the jars are missing or stale
readonly ORDER_TIMEOUT="${SMOKE_ORDER_TIMEOUT:-120}"
readonly CLOSE_TIMEOUT="${SMOKE_CLOSE_TIMEOUT:-120}"
up_pid=""

say() { printf 'smoke: %s\n' "$*"; }

fail() {
	say "FAILED: $*" >&2
	echo "--- ./bakery up said ---" >&2
	cat "$OUTPUT" >&2 || true
	local log
	for log in "$ROOT"/.bakery/logs/*.log; do
		[[ -f "$log" ]] || continue
		echo "--- last lines of ${log#"$ROOT"/} ---" >&2
		tail -n 30 "$log" >&2
	done
	exit 1
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Processes of this bakery: the launcher and department jars, and the broker and database running from .bakery/.
leftover_processes() {
	pgrep -af -- "$ROOT/(\.bakery/|bakery-launcher/target/bakery-launcher\.jar|[a-z-]+/target/[a-z-]+-[0-9][^ ]*-exec\.jar)" || true
}

wait_until() {
	local seconds="$1"
	shift
	local deadline=$((SECONDS + seconds))
	until "$@"; do
		((SECONDS < deadline)) || return 1
		sleep 1
	done
}

up_running() { kill -0 "$up_pid" 2>/dev/null; }
up_gone() { ! up_running; }
is_open() { grep -q "The bakery is open" "$OUTPUT" || up_gone; }
# Ready: the readiness health group, as ./bakery and compose ask it.
healthy() { curl -fs -o /dev/null --max-time 5 "http://localhost:$1/actuator/health/readiness"; }

# Whatever happens, nothing of this run stays running on the CI machine.
cleanup() {
	if [[ -n "$up_pid" ]] && up_running; then
		kill -INT "$up_pid" 2>/dev/null || true
		wait_until 60 up_gone || kill -KILL "$up_pid" 2>/dev/null || true
	fi
	./bakery down >/dev/null 2>&1 || true
	rm -f "$OUTPUT"
}
trap cleanup EXIT

for tool in curl psql ss; do command -v "$tool" >/dev/null || fail "$tool is needed"; done
for port in "${PORTS[@]}"; do
	if port_open "$port"; then fail "port $port is in use before the start"; fi
done

# 1. Start it as a script does, in the background without job control: the shell starts it with SIGINT ignored (so
#    that a Ctrl-C meant for the script spares it), and ./bakery gives SIGINT back to the launcher, which it becomes.
started=$SECONDS
./bakery up >"$OUTPUT" 2>&1 </dev/null &
up_pid=$!
say "./bakery up started (process $up_pid)"

wait_until "$OPEN_TIMEOUT" is_open || fail "the bakery did not open within ${OPEN_TIMEOUT}s"
up_running || fail "./bakery up ended before the bakery opened"
for port in 8081 8082 8083 8084 8085; do
	wait_until 60 healthy "$port" || fail "the service on port $port does not report ready"
done
opened=$((SECONDS - started))
say "open, all four departments and the board ready after ${opened}s"
curl -fs localhost:9411/health | grep -q '"status" *: *"UP"' || fail "Zipkin does not report UP on port 9411"

# The demo's PostgreSQL commits durably, and the departments listen on this machine only.
for setting in fsync synchronous_commit; do
	value="$(PGPASSWORD=bakery psql -h localhost -U bakery -d postgres -Atc "SHOW $setting")" ||
		fail "psql could not ask PostgreSQL for $setting"
	[[ "$value" == on ]] || fail "PostgreSQL runs with $setting=$value, not on"
done
for port in 8081 8082 8083 8084 8085 9411; do
	# Java's dual-stack socket shows 127.0.0.1 as the IPv4-mapped [::ffff:127.0.0.1].
	listening="$(ss -Hltn "sport = :$port" | awk '{ print $4 }')"
	[[ "$listening" == "127.0.0.1:$port" || "$listening" == "[::ffff:127.0.0.1]:$port" ]] ||
		fail "port $port listens on '$listening', not on 127.0.0.1 only"
done
say "PostgreSQL commits durably (fsync, synchronous_commit on); the departments, the board and Zipkin listen on 127.0.0.1 only"

# 2. An order at the till, followed to the counter.
response="$(curl -fsS --max-time 10 -H 'Content-Type: application/json' \
	-d '{"customer":"Anna","items":[{"product":"BREZEL","quantity":3}]}' http://localhost:8081/orders)" ||
	fail "POST /orders at the till failed"
order_id="$(sed -n 's/.*"orderId" *: *"\([^"]*\)".*/\1/p' <<<"$response")"
[[ -n "$order_id" ]] || fail "no orderId in the till's answer: $response"
say "order $order_id placed"

ordered=$SECONDS
is_ready_for_pickup() {
	curl -fs --max-time 5 "http://localhost:8084/orders/$order_id" | grep -q '"status" *: *"READY_FOR_PICKUP"'
}
wait_until "$ORDER_TIMEOUT" is_ready_for_pickup ||
	fail "order $order_id did not reach READY_FOR_PICKUP at the counter within ${ORDER_TIMEOUT}s (last: $(curl -s "http://localhost:8084/orders/$order_id"))"
say "order $order_id READY_FOR_PICKUP at the counter after $((SECONDS - ordered))s"

# Its trace in Zipkin: the counter names it, and all four departments sent spans of it.
trace_id="$(curl -fs "http://localhost:8084/orders/$order_id" | grep -o '"traceId" *: *"[0-9a-f]*"' | head -n 1 |
	grep -o '[0-9a-f]\{32\}')" || fail "the counter names no trace of order $order_id"
traced() {
	local spans service
	spans="$(curl -fs --max-time 5 "http://localhost:9411/api/v2/trace/$trace_id")" || return 1
	for service in checkout-service bakery-service packaging-service sales-service; do
		grep -q "\"serviceName\":\"$service\"" <<<"$spans" || return 1
	done
}
wait_until 30 traced || fail "Zipkin has no spans of all four departments in trace $trace_id"
say "order $order_id is one trace in Zipkin ($trace_id), with spans of all four departments"

# 3. A department that dies is reported, not silently ignored, and ./bakery start brings it back.
crashed_pid="$(cut -d ' ' -f 1 .bakery/run/packaging-service.pid)"
kill -KILL "$crashed_pid"
reported() { grep -q "packaging-service has stopped by itself" "$OUTPUT"; }
wait_until 10 reported || fail "./bakery up did not report packaging-service (process $crashed_pid) killed with kill -9"
./bakery status | grep -E "^packaging-service +.* stopped by itself" >/dev/null ||
	fail "./bakery status does not say packaging-service stopped by itself: $(./bakery status)"
./bakery start packaging-service >/dev/null || fail "./bakery start packaging-service failed"
healthy 8083 || fail "packaging-service is not healthy after ./bakery start"
./bakery status | grep -E "^packaging-service +packaging +8083 +[0-9]+ +running$" >/dev/null ||
	fail "./bakery status does not say packaging-service runs again: $(./bakery status)"
say "packaging-service killed (kill -9): reported, and back after ./bakery start"

# 3. Ctrl-C (SIGINT), and nothing left behind: ./bakery up closes the bakery itself, however it was started.
closing=$SECONDS
kill -INT "$up_pid"
wait_until "$CLOSE_TIMEOUT" up_gone || fail "./bakery up did not end within ${CLOSE_TIMEOUT}s of SIGINT"
wait "$up_pid" || fail "./bakery up ended with status $? after SIGINT"
say "closed after $((SECONDS - closing))s"

nothing_left_running() {
	local leftovers port
	leftovers="$(leftover_processes)"
	[[ -z "$leftovers" ]] || fail "processes left running:"$'\n'"$leftovers"
	for port in "${PORTS[@]}"; do
		if port_open "$port"; then fail "port $port is still in use"; fi
	done
	for dir in run tmp; do
		[[ ! -e ".bakery/$dir" ]] || fail ".bakery/$dir is left behind"
	done
}
nothing_left_running
[[ ! -e .bakery/data ]] || fail ".bakery/data is left behind"
say "nothing left: no process, no port in use (${PORTS[*]}), no data directory"

# 4. Keeping the data (--keep-data), closed from another terminal (./bakery down): the orders and Kafka's log stay
#    for the next run, and nothing else is left. (The fault soak, ./bakery up --faults, runs as FaultSoakIT in
#    ./mvnw -B verify: the same class on the same runtime.)
: >"$OUTPUT"
set -m
./bakery up --keep-data >"$OUTPUT" 2>&1 </dev/null &
up_pid=$!
set +m
wait_until "$OPEN_TIMEOUT" is_open || fail "the bakery did not open with --keep-data"
curl -fsS --max-time 10 -o /dev/null -H 'Content-Type: application/json' \
	-d '{"customer":"Ben","items":[{"product":"BREZEL","quantity":1}]}' http://localhost:8081/orders ||
	fail "POST /orders at the till failed"
./bakery down >/dev/null || fail "./bakery down failed"
wait_until "$CLOSE_TIMEOUT" up_gone || fail "./bakery up did not end after ./bakery down"
nothing_left_running
[[ -d .bakery/data/postgres && -d .bakery/data/kafka ]] || fail "./bakery up --keep-data did not keep .bakery/data"
rm -rf .bakery/data
say "./bakery down closed a bakery opened with --keep-data: its data kept, nothing else left"

say "passed: opened in ${opened}s, order ready, a crash reported and repaired, closed cleanly by Ctrl-C and by ./bakery down"
