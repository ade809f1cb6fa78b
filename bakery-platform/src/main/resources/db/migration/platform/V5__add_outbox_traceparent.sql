-- The trace of the work that recorded the event, as a W3C traceparent (00-<trace id>-<span id>-<flags>). Whichever
-- relay sends the event sends it as the record's traceparent header, so that one order is one trace across the
-- outbox. Null for an event recorded outside any trace.
ALTER TABLE outbox ADD COLUMN traceparent TEXT;
