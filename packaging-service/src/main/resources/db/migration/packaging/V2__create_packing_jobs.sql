-- Packaging's jobs, one per order. V1 (the outbox) comes from bakery-platform.
CREATE TABLE packing_jobs (
    -- One job per order: a redelivered BAKED event finds its job and changes nothing.
    order_id    UUID PRIMARY KEY,
    pack_millis BIGINT      NOT NULL,
    -- WAITING (for a free packing station), PACKING, PACKED
    status      TEXT        NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    packing_at  TIMESTAMPTZ,
    packed_at   TIMESTAMPTZ,
    station     TEXT
);

CREATE INDEX packing_jobs_unfinished ON packing_jobs (received_at) WHERE status <> 'PACKED';
