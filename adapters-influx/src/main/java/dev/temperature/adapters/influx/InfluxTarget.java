package dev.temperature.adapters.influx;

/**
 * Where readings go: the organisation and bucket for writes, the InfluxQL database (the bucket's
 * DBRP mapping; by default the bucket's own name) for queries, and the measurement. The rollups go
 * to a bucket of their own, so that the readings' retention never removes them, under the same
 * measurement name with {@code _hourly}, {@code _daily} and {@code _sealed} appended.
 */
record InfluxTarget(
    String org,
    String bucket,
    String database,
    String measurement,
    String rollupBucket,
    String rollupDatabase) {

  /** The rollups in a bucket named after the readings' one, {@code <bucket>_rollups}. */
  InfluxTarget(String org, String bucket, String database, String measurement) {
    this(org, bucket, database, measurement, bucket + "_rollups", bucket + "_rollups");
  }

  String hourly() {
    return measurement + "_hourly";
  }

  String daily() {
    return measurement + "_daily";
  }

  /** One series whose points say up to where every hour's rollup is written. */
  String sealed() {
    return measurement + "_sealed";
  }
}
