-- The bake house's jobs moved to station_jobs (V3, from bakery-platform), which every department with stations
-- shares; orders no longer wait in the database but in Kafka, so there is no WAITING job to carry over.
DROP TABLE baking_jobs;
