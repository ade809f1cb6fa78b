#!/bin/sh
# Runs once, when the postgres container starts with an empty data directory, as POSTGRES_USER, who therefore owns the
# databases: one per department, each service owns its data, and the head office's, which Kafka Connect's sink keeps.
# The names come from .env (compose passes it to this container), as ./bakery's PostgreSQL gets them.
set -eu
for database in "$CHECKOUT_DATABASE" "$BAKEHOUSE_DATABASE" "$PACKAGING_DATABASE" "$SALES_DATABASE" "$OFFICE_DATABASE"; do
	psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -c "CREATE DATABASE \"$database\""
done
