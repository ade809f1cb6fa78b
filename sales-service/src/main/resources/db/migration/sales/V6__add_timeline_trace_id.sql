-- The trace each step belongs to, if it is recorded (Zipkin has it): the id in the traceparent header of the record
-- that carried the step, or of the hand-over's request.
ALTER TABLE timeline ADD COLUMN trace_id TEXT;
