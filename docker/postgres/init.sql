-- Runs once, when the postgres container starts with an empty data directory, as the POSTGRES_USER (bakery),
-- who therefore owns the databases. One database per department: each service owns its data.
CREATE DATABASE checkout;
CREATE DATABASE bakery;
CREATE DATABASE packaging;
CREATE DATABASE sales;
