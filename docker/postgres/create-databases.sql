-- One database per service, owned by the application role (POSTGRES_USER). Runs once, on an empty data volume.
CREATE DATABASE workflows;
CREATE DATABASE nomination;
CREATE DATABASE vetting;
CREATE DATABASE audit;
CREATE DATABASE disposition;
CREATE DATABASE villagepay;
