#!/bin/sh
# The Connect worker of docker-compose.connect.yml: the worker's properties as bakery-runtime's ConnectWorker writes
# them (with one broker: the internal topics get the broker's default replication), then the worker, and once it is
# healthy its connectors from connectors/*.json (PUT is idempotent: a restart registers them again, unchanged).
set -eu
# In the temporary directory: the worker runs as an unprivileged user, who may not write to /connect.
properties="${TMPDIR:-/tmp}/worker.properties"
cat >"$properties" <<PROPERTIES
bootstrap.servers=$KAFKA_BOOTSTRAP_SERVERS
group.id=bakery-connect
listeners=http://0.0.0.0:8083
rest.advertised.host.name=connect
config.storage.topic=connect-configs
offset.storage.topic=connect-offsets
status.storage.topic=connect-status
config.storage.replication.factor=-1
offset.storage.replication.factor=-1
status.storage.replication.factor=-1
key.converter=org.apache.kafka.connect.storage.StringConverter
value.converter=org.apache.kafka.connect.storage.StringConverter
plugin.path=/connect/plugins
plugin.discovery=service_load
config.providers=env
config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider
exactly.once.source.support=enabled
consumer.isolation.level=read_committed
offset.flush.interval.ms=1000
scheduled.rebalance.max.delay.ms=0
PROPERTIES
java -Xmx512m -cp '/connect/lib/*' org.apache.kafka.connect.cli.ConnectDistributed "$properties" &
worker=$!
trap 'kill -TERM $worker; wait $worker' TERM INT
until curl -fs -o /dev/null http://localhost:8083/health; do
	kill -0 $worker || exit 1
	sleep 1
done
for config in connectors/*.json; do
	name=$(basename "$config" .json)
	curl -fs -o /dev/null -X PUT -H 'Content-Type: application/json' --data @"$config" \
		"http://localhost:8083/connectors/$name/config"
	echo "registered $name"
done
wait $worker
