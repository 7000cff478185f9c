package dev.temperature.adapters.timescale;

import java.util.Optional;

/**
 * What the connected server offers, detected at start-up rather than assumed. Debian's TimescaleDB
 * package is the Apache-licensed edition: hypertables and time_bucket, but no compression,
 * retention policies or continuous aggregates; the "timescale" license has all of them.
 *
 * @param version the installed timescaledb extension version, empty on plain PostgreSQL
 * @param license {@code apache} or {@code timescale}, empty on plain PostgreSQL
 * @param hypertable whether the readings table is a hypertable
 */
public record TimescaleFeatures(
    Optional<String> version, Optional<String> license, boolean hypertable) {

  public static final TimescaleFeatures PLAIN_POSTGRESQL =
      new TimescaleFeatures(Optional.empty(), Optional.empty(), false);

  public boolean extension() {
    return version.isPresent();
  }

  /** Compression, retention policies and continuous aggregates need the community license. */
  public boolean communityFeatures() {
    return license.filter("timescale"::equals).isPresent();
  }
}
