-- The transactional outbox, shared by every department (bakery-platform). A service's own tables, in db/migration/<service>, start at V2.
CREATE TABLE outbox (
    id           BIGSERIAL PRIMARY KEY,
    topic        TEXT        NOT NULL,
    message_key  TEXT        NOT NULL,
    type         TEXT        NOT NULL,
    -- The exact JSON that goes on the wire, as the serializer wrote it (jsonb would reorder it); query it with
    -- payload::jsonb ->> 'orderId'.
    payload      TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at TIMESTAMPTZ
);

-- The relay only ever looks for what is still to be sent.
CREATE INDEX outbox_pending ON outbox (id) WHERE published_at IS NULL;
