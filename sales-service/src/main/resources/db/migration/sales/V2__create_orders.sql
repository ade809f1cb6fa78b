-- The counter's read model: every order as the customer sees it. V1 (the outbox) comes from bakery-platform.
CREATE TABLE orders (
    order_id   UUID PRIMARY KEY,
    -- Known once OrderPlaced arrived; events from other topics may come first.
    customer   TEXT,
    status     TEXT        NOT NULL,
    -- The status's place in the flow (PLACED = 0 ... HANDED_OVER = 5): an order only ever moves forward.
    stage      INTEGER     NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX orders_by_status ON orders (status, updated_at);

-- Each step of each order once, with the Kafka record that carried it.
CREATE TABLE timeline (
    order_id        UUID        NOT NULL,
    status          TEXT        NOT NULL,
    stage           INTEGER     NOT NULL,
    department      TEXT        NOT NULL,
    at              TIMESTAMPTZ NOT NULL,
    station         TEXT,
    topic           TEXT,
    kafka_partition INTEGER,
    kafka_offset    BIGINT,
    recorded_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (order_id, status)
);
