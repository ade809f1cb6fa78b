# The walkthrough's shell helpers, for bash or zsh. Source it in every terminal you type the walkthrough's commands in:
#
#   source docs/shell.sh          # the bakery runs without Docker (./bakery up)
#   source docs/shell.sh docker   # the bakery runs with Docker (docker compose up)
#
# It defines the Kafka tools as shell functions that add `--bootstrap-server localhost:9092` (kafka-topics,
# kafka-consumer-groups, kafka-console-consumer, kafka-console-producer, kafka-get-offsets), `sales-db` (psql on the
# counter's database), `checkout-db` and `office-db` (the till's and the head office's, step 18), and `ORDER`, the last order id the walkthrough noted in .bakery/order (step 2 notes it there),
# so that a new terminal can go on where the last one was.

# Where this file is, in bash and in zsh (where $0 is the sourced file); the functions work from any directory.
BAKERY_HOME="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)"

if [ "${1:-}" = docker ]; then
	kafka-tool() {
		local tool="$1"
		shift
		# kafka:19092, the listener the containers use: with three brokers (docker-compose.cluster.yml) the HOST
		# listener advertises localhost:9102 and 9112, which no container reaches, and a tool waits for them.
		(cd "$BAKERY_HOME" && docker compose exec -T kafka "/opt/kafka/bin/$tool.sh" --bootstrap-server kafka:19092 "$@")
	}
	sales-db() { (cd "$BAKERY_HOME" && docker compose exec -T postgres psql -U bakery -d sales "$@"); }
	checkout-db() { (cd "$BAKERY_HOME" && docker compose exec -T postgres psql -U bakery -d checkout "$@"); }
	office-db() { (cd "$BAKERY_HOME" && docker compose exec -T postgres psql -U bakery -d office "$@"); }
else
	kafka-tool() { (cd "$BAKERY_HOME" && ./bakery "$@"); }
	sales-db() { PGPASSWORD=bakery psql -h localhost -U bakery -d sales "$@"; }
	checkout-db() { PGPASSWORD=bakery psql -h localhost -U bakery -d checkout "$@"; }
	office-db() { PGPASSWORD=bakery psql -h localhost -U bakery -d office "$@"; }
fi
kafka-topics() { kafka-tool kafka-topics "$@"; }
kafka-consumer-groups() { kafka-tool kafka-consumer-groups "$@"; }
kafka-console-consumer() { kafka-tool kafka-console-consumer "$@"; }
kafka-console-producer() { kafka-tool kafka-console-producer "$@"; }
kafka-get-offsets() { kafka-tool kafka-get-offsets "$@"; }

mkdir -p "$BAKERY_HOME/.bakery"
if [ -s "$BAKERY_HOME/.bakery/order" ]; then
	ORDER="$(cat "$BAKERY_HOME/.bakery/order")"
	echo "Kafka tools ready; ORDER=$ORDER (from .bakery/order)"
else
	echo "Kafka tools ready"
fi
