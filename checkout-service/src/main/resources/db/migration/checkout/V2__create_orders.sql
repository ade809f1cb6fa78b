-- The till's own record of the orders it took. V1 (the outbox) comes from bakery-platform.
CREATE TABLE orders (
    id                  UUID PRIMARY KEY,
    customer            TEXT        NOT NULL,
    status              TEXT        NOT NULL,
    placed_at           TIMESTAMPTZ NOT NULL,
    -- A client's Idempotency-Key, and a fingerprint of the request it came with, so that a retry finds its order.
    idempotency_key     TEXT UNIQUE,
    request_fingerprint TEXT
);

CREATE TABLE order_lines (
    order_id UUID    NOT NULL REFERENCES orders (id),
    line_no  INTEGER NOT NULL,
    product  TEXT    NOT NULL,
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, line_no)
);
