#!/usr/bin/env bash
#
# Lab: work waits in Kafka, and more bakers drain it faster.
#
# Against a bakery opened with `BAKERY_SIMULATION_TIME_SCALE=0.25 ./bakery up` (no Docker), with one bake house:
#   1. places a burst of orders and lets the one bake house drain it, printing the group's lag as it goes;
#   2. places the same burst again and at once starts two more bake houses (./bakery start bakery-service 2 and 3),
#      which join the consumer group `bakery`, take over partitions and the orders waiting on them;
#   3. prints both drain times and the speed-up, and checks from the counter's timelines that every order was put
#      in and taken out of the oven by the same bake house (nothing was baked twice);
#   4. stops the two extra bake houses again.
# Settings from the environment: ORDERS (36), PRODUCT (ROGGENBROT), QUANTITY (36: three trays, 30 s in the oven at
# time scale 0.25), EVERY (seconds between two lines of output, 2).
set -euo pipefail
cd "$(dirname "$0")/../.."

ORDERS="${ORDERS:-36}" PRODUCT="${PRODUCT:-ROGGENBROT}" QUANTITY="${QUANTITY:-36}" EVERY="${EVERY:-2}"
TILL=localhost:8081 COUNTER=localhost:8084

say() { printf '%s\n' "$*"; }
die() { say "lab: $*" >&2; exit 1; }

curl -fs "$TILL/menu" >/dev/null || die "the till does not answer on $TILL: open the bakery first (BAKERY_SIMULATION_TIME_SCALE=0.25 ./bakery up)"
for extra in 2 3; do
	if ./bakery status 2>/dev/null | grep -q "bakery-service-$extra "; then
		die "bakery-service-$extra runs already; stop it first (./bakery stop bakery-service $extra)"
	fi
done

# The bake house group's total lag and how many members it has (and how many of them own no partition), from the
# board's view of Kafka's admin API.
group_bakery() { curl -fs "$COUNTER/board/lag" | awk -v RS='"group":"' 'NR == 2'; }
lag_of() { grep -o '"total":[0-9]*' <<<"$1" | head -1 | cut -d: -f2; }
members_of() { grep -o '"clientId":"[^"]*"' <<<"$1" | wc -l | tr -d ' '; }
idle_of() { grep -o '"partitions":\[\]' <<<"$1" | wc -l | tr -d ' '; }

place() {
	local i response
	for ((i = 1; i <= ORDERS; i++)); do
		response="$(curl -fs "$TILL/orders" -H 'Content-Type: application/json' \
			-d "{\"customer\":\"Lab $1 $i\",\"items\":[{\"product\":\"$PRODUCT\",\"quantity\":$QUANTITY}]}")"
		grep -o '"orderId":"[^"]*"' <<<"$response" | cut -d'"' -f4
	done
}

# BAKED entries of an order's timeline at the counter: "<station of IN_OVEN> <station of BAKED>".
stations_of() {
	local timeline
	timeline="$(curl -fs "$COUNTER/orders/$1" || true)"
	printf '%s %s\n' \
		"$(grep -o '"status":"IN_OVEN","department":"[^"]*","at":"[^"]*","station":"[^"]*"' <<<"$timeline" | cut -d'"' -f16)" \
		"$(grep -o '"status":"BAKED","department":"[^"]*","at":"[^"]*","station":"[^"]*"' <<<"$timeline" | cut -d'"' -f16)"
}

baked_count() {
	local id n=0 in out
	for id in "$@"; do
		read -r in out <<<"$(stations_of "$id")"
		if [[ -n "${out:-}" ]]; then n=$((n + 1)); fi
	done
	echo "$n"
}

# Places the burst, optionally starts two more bake houses, and follows the group until every order is baked.
# Prints the drain time in seconds as its last line.
round() {
	local label="$1" extra="$2" ids id started group baked=0 t
	ids=()
	while IFS= read -r id; do ids+=("$id"); done < <(place "$label")
	((${#ids[@]} == ORDERS)) || die "the till took ${#ids[@]} of $ORDERS orders"
	started=$SECONDS
	if [[ "$extra" == yes ]]; then
		./bakery start bakery-service 2 >.bakery/logs/lab-start-2.out 2>&1 &
		./bakery start bakery-service 3 >.bakery/logs/lab-start-3.out 2>&1 &
	fi
	say "   time   lag  members (idle)  baked" >&2
	while ((baked < ORDERS)); do
		t=$((SECONDS - started))
		group="$(group_bakery)"
		baked="$(baked_count "${ids[@]}")"
		printf '  %4ss  %4s  %7s (%s)    %5s/%s\n' "$t" "$(lag_of "$group")" "$(members_of "$group")" "$(idle_of "$group")" "$baked" "$ORDERS" >&2
		((baked < ORDERS)) && sleep "$EVERY"
	done
	wait
	local same=0 in out
	for id in "${ids[@]}"; do
		read -r in out <<<"$(stations_of "$id")"
		if [[ -n "$in" && "$in" == "$out" ]]; then same=$((same + 1)); fi
	done
	say "   all $ORDERS baked after $((SECONDS - started)) s; put in and taken out by the same bake house: $same of $ORDERS" >&2
	echo $((SECONDS - started))
}

say "Lab: $ORDERS orders of $QUANTITY $PRODUCT at once."
say ""
say "1) One bake house (consumer group 'bakery', one member)."
one="$(round one no)"
say ""
say "2) The same burst again; two more bake houses start right after it and join the group."
three="$(round three yes)"
say ""
say "Drain time with one bake house: ${one} s; with three: ${three} s; speed-up: $(awk -v a="$one" -v b="$three" 'BEGIN { printf "%.2f", a / b }')x"
say ""
say "Stopping the two extra bake houses again (each finishes what is in its ovens first) ..."
./bakery stop bakery-service 3 >/dev/null &
./bakery stop bakery-service 2 >/dev/null &
wait
say "Done."
