package dev.temperature.application.commit;

import java.time.Duration;
import java.util.Objects;

/**
 * How large a group may grow, how many readings may wait for the writer, and how long a request
 * waits for its group.
 *
 * @param maxGroupSize the most readings one transaction or request to the store carries; a single
 *     write larger than this is a group of its own
 * @param queueCapacity the most readings waiting to be written; past it a write is refused at once
 * @param maxWait the longest a request waits for its group to be written, from the moment it is
 *     queued; past it the request fails as unavailable, and a group already in the store may still
 *     be committed. It also bounds how long closing waits for the queue to drain: by then every
 *     request still waiting has given up
 */
public record GroupCommitSettings(int maxGroupSize, int queueCapacity, Duration maxWait) {
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(10);
  public static final GroupCommitSettings DEFAULT =
      new GroupCommitSettings(5000, 50_000, DEFAULT_MAX_WAIT);

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
  }

  /** With the default wait, {@link #DEFAULT_MAX_WAIT}. */
  public GroupCommitSettings(int maxGroupSize, int queueCapacity) {
    this(maxGroupSize, queueCapacity, DEFAULT_MAX_WAIT);
  }
}
