#!/usr/bin/env bash
# Smoke test of the demo without Docker, on the bakery the walkthrough test opens exactly as the README gives it
# (`./bakery up`, in the background of a script): one bakery for both, since every opening costs CI two cores for a
# minute or more.
#
#   .ci/smoke-test.sh open <file>  right after it opened (<file>: what ./bakery up printed): Zipkin answers, PostgreSQL
#                                  commits durably, everything listens on 127.0.0.1 only, and a department killed
#                                  with kill -9 is reported by ./bakery up and ./bakery status and comes back with
#                                  ./bakery start
#   .ci/smoke-test.sh closed       after the walkthrough's last block (./bakery down): no process, port or data
#                                  directory left behind
#
# The walkthrough itself carries an order to READY_FOR_PICKUP and follows its trace in Zipkin (step 20); Ctrl-C,
# SIGTERM, SIGHUP and ./bakery down from another process closing a bakery are SupervisorTests' (./mvnw -B verify), and
# --keep-data is BakeryTests'.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
readonly ROOT="$PWD"
readonly PORTS=(9092 9093 9102 9112 5432 8081 8082 8083 8084 8085 8086 8092 8102 9411)

say() { printf 'smoke: %s\n' "$*"; }

fail() {
	say "FAILED: $*" >&2
	exit 1
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_until() {
	local seconds="$1"
	shift
	local deadline=$((SECONDS + seconds))
	until "$@"; do
		((SECONDS < deadline)) || return 1
		sleep 1
	done
}

# Ready: the readiness health group, as ./bakery and compose ask it.
healthy() { curl -fs -o /dev/null --max-time 5 "http://localhost:$1/actuator/health/readiness"; }

open() {
	local output="$1" setting value port listening crashed_pid
	for tool in curl psql ss; do command -v "$tool" >/dev/null || fail "$tool is needed"; done
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

	# A department that dies is reported, not silently ignored, and ./bakery start brings it back.
	crashed_pid="$(cut -d ' ' -f 1 .bakery/run/packaging-service.pid)"
	kill -KILL "$crashed_pid"
	reported() { grep -q "packaging-service has stopped by itself" "$output"; }
	wait_until 10 reported || fail "./bakery up did not report packaging-service (process $crashed_pid) killed with kill -9"
	./bakery status | grep -E "^packaging-service +.* stopped by itself" >/dev/null ||
		fail "./bakery status does not say packaging-service stopped by itself: $(./bakery status)"
	./bakery start packaging-service >/dev/null || fail "./bakery start packaging-service failed"
	healthy 8083 || fail "packaging-service is not healthy after ./bakery start"
	./bakery status | grep -E "^packaging-service +packaging +8083 +[0-9]+ +running$" >/dev/null ||
		fail "./bakery status does not say packaging-service runs again: $(./bakery status)"
	say "packaging-service killed (kill -9): reported, and back after ./bakery start"
}

closed() {
	local leftovers port dir
	# Processes of this bakery: the launcher and department jars, and the broker and database running from .bakery/.
	# Not a Kafka tool the learner left in the background (step 17's console consumers end by themselves).
	leftovers="$(pgrep -af -- "$ROOT/(\.bakery/|bakery-launcher/target/bakery-launcher\.jar|[a-z-]+/target/[a-z-]+-[0-9][^ ]*-exec\.jar)" |
		grep -v -- "bakery-launcher\.jar kafka-" || true)"
	[[ -z "$leftovers" ]] || fail "processes left running:"$'\n'"$leftovers"
	for port in "${PORTS[@]}"; do
		if port_open "$port"; then fail "port $port is still in use"; fi
	done
	for dir in run tmp data; do
		[[ ! -e ".bakery/$dir" ]] || fail ".bakery/$dir is left behind"
	done
	say "nothing left: no process, no port in use (${PORTS[*]}), no data directory"
}

case "${1:-}" in
	open) open "${2:?the file ./bakery up writes to}" ;;
	closed) closed ;;
	*) fail "usage: $0 open <file ./bakery up writes to> | closed" ;;
esac
