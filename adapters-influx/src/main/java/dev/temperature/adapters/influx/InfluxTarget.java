package dev.temperature.adapters.influx;

/**
 * Where readings go: the organisation and bucket for writes, the InfluxQL database (the bucket's
 * DBRP mapping; by default the bucket's own name) for queries, and the measurement.
 */
record InfluxTarget(String org, String bucket, String database, String measurement) {}
