-- Runs once, when the postgres container starts with an empty data directory, as the POSTGRES_USER (bakery),
-- who therefore owns the databases. One database per department: each service owns its data.
-- The names are the *_DATABASE values in .env and must agree with them; bakery-runtime's ComposeAgreementTests fails
-- the build when they do not.
CREATE DATABASE checkout;
CREATE DATABASE bakehouse;
CREATE DATABASE packaging;
CREATE DATABASE sales;
