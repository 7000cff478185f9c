package dev.temperature.application.commit;

import java.time.Duration;
import java.util.Objects;

/**
 * How large a group may grow, how many readings may wait for the writers, how long a request waits
 * for its group, and how many writers write groups at the same time.
 *
 * @param maxGroupSize the most readings one transaction or request to the store carries; a single
 *     write larger than this is a group of its own
 * @param queueCapacity the most readings waiting to be written; past it a write is refused at once
 * @param maxWait the longest a request waits for its group to be written, from the moment it is
 *     queued; past it the request fails as unavailable, and a group already in the store may still
 *     be committed. It also bounds how long closing waits for the queue to drain: by then every
 *     request still waiting has given up
 * @param writers how many groups may be in the store at once, each on a connection of its own: 1
 *     where the engine takes one writer at a time (SQLite); more lets an engine that writes in
 *     parallel (PostgreSQL, InfluxDB) commit one group while the next is sent
 */
public record GroupCommitSettings(
    int maxGroupSize, int queueCapacity, Duration maxWait, int writers) {
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(10);
  public static final GroupCommitSettings DEFAULT =
      new GroupCommitSettings(5000, 50_000, DEFAULT_MAX_WAIT, 1);

  public GroupCommitSettings {
    if (maxGroupSize < 1) {
      throw new IllegalArgumentException("a group holds at least one reading");
    }
    if (queueCapacity < maxGroupSize) {
      throw new IllegalArgumentException(
          "the queue must hold at least one full group ("
              + maxGroupSize
              + " readings), got "
              + queueCapacity);
    }
    Objects.requireNonNull(maxWait, "maxWait");
    if (maxWait.isNegative() || maxWait.isZero()) {
      throw new IllegalArgumentException("the longest wait must be positive, got " + maxWait);
    }
    if (writers < 1) {
      throw new IllegalArgumentException("at least one writer, got " + writers);
    }
  }

  /** With one writer. */
  public GroupCommitSettings(int maxGroupSize, int queueCapacity, Duration maxWait) {
    this(maxGroupSize, queueCapacity, maxWait, 1);
  }

  /** With one writer and the default wait, {@link #DEFAULT_MAX_WAIT}. */
  public GroupCommitSettings(int maxGroupSize, int queueCapacity) {
    this(maxGroupSize, queueCapacity, DEFAULT_MAX_WAIT);
  }
}
