#!/bin/sh
# The API's two roles, made by the database image at the volume's first start, after the image
# created the database and the TimescaleDB extension as the superuser (any *.sh file in
# /docker-entrypoint-initdb.d runs then; Compose and the Kubernetes overlay mount this one there):
#   temperature      owns the database and its schema; the API migrates as it at start-up
#   temperature_api  the API serves as it: it may connect, and read and write rows once the owner
#                    has granted it that (the API does so itself, docs/storage/timescale.md)
# Neither is a superuser, and only they may connect (docs/adr/0011-least-privilege.md). Their
# passwords come from TEMPERATURE_OWNER_PASSWORD and TEMPERATURE_API_PASSWORD.
set -eu
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" \
  --dbname "${POSTGRES_DB:-temperature}" \
  -v owner_password="${TEMPERATURE_OWNER_PASSWORD:?TEMPERATURE_OWNER_PASSWORD is not set}" \
  -v api_password="${TEMPERATURE_API_PASSWORD:?TEMPERATURE_API_PASSWORD is not set}" << 'SQL'
CREATE ROLE temperature LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'owner_password';
CREATE ROLE temperature_api LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'api_password';
SELECT format('ALTER DATABASE %I OWNER TO temperature', current_database()) \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database()) \gexec
SELECT format('GRANT CONNECT ON DATABASE %I TO temperature_api', current_database()) \gexec
SQL
echo "roles.sh: made the roles temperature (owner) and temperature_api (serving)"
