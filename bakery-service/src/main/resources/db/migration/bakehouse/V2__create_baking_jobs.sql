-- The bake house's jobs, one per order. V1 (the outbox) comes from bakery-platform.
CREATE TABLE baking_jobs (
    -- One job per order: a redelivered OrderPlaced finds its job and changes nothing.
    order_id    UUID PRIMARY KEY,
    items       JSONB       NOT NULL,
    bake_millis BIGINT      NOT NULL,
    -- WAITING (for a free oven), IN_OVEN, BAKED
    status      TEXT        NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    in_oven_at  TIMESTAMPTZ,
    baked_at    TIMESTAMPTZ,
    station     TEXT
);

CREATE INDEX baking_jobs_unfinished ON baking_jobs (received_at) WHERE status <> 'BAKED';
