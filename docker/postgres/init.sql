-- Runs once, when the postgres container starts with an empty data directory, as the POSTGRES_USER (bakery),
-- who therefore owns the databases. One database per department: each service owns its data.
-- The names are the site.<service>.database values in bakery-events/src/main/resources/bakery-site.properties and must
-- agree with them; bakery-launcher's SiteAgreementTests fails the build when they do not.
CREATE DATABASE checkout;
CREATE DATABASE bakery;
CREATE DATABASE packaging;
CREATE DATABASE sales;
