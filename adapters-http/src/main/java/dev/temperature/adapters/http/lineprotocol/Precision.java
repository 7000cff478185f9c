package dev.temperature.adapters.http.lineprotocol;

/** The unit of a line's timestamp, given once for the whole body (InfluxDB's {@code precision}). */
public enum Precision {
  NANOSECONDS(1L),
  MICROSECONDS(1_000L),
  MILLISECONDS(1_000_000L),
  SECONDS(1_000_000_000L),
  MINUTES(60_000_000_000L),
  HOURS(3_600_000_000_000L);

  private final long nanoseconds;

  Precision(long nanoseconds) {
    this.nanoseconds = nanoseconds;
  }

  /**
   * The timestamp in nanoseconds.
   *
   * @throws ArithmeticException when it does not fit in 64 bits (past the year 2262)
   */
  public long toNanoseconds(long timestamp) {
    return Math.multiplyExact(timestamp, nanoseconds);
  }

  /** How long one unit is, in nanoseconds. */
  public long nanoseconds() {
    return nanoseconds;
  }
}
