-- A department's work at its stations (ovens, packing tables), one row per order. It lives in the department's own
-- database; every instance of the department shares it, so that a member that takes over a partition after a crash
-- finds the order another member had started and finishes it instead of starting it again.
CREATE TABLE station_jobs (
    order_id    UUID PRIMARY KEY,
    -- WORKING (at a station now, or left there by a member that crashed), DONE
    status      TEXT        NOT NULL CHECK (status IN ('WORKING', 'DONE')),
    -- how long the work takes before the time scale
    work_millis BIGINT      NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    -- the instance that started the work, then the one that finished it
    started_by  TEXT        NOT NULL,
    finished_by TEXT
);
