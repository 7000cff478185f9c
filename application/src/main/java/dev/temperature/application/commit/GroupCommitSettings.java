package dev.temperature.application.commit;

/**
 * How large a group may grow and how many readings may wait for the writer.
 *
 * @param maxGroupSize the most readings one transaction or request to the store carries; a single
 *     write larger than this is a group of its own
 * @param queueCapacity the most readings waiting to be written; past it a write is refused at once
 */
public record GroupCommitSettings(int maxGroupSize, int queueCapacity) {
  public static final GroupCommitSettings DEFAULT = new GroupCommitSettings(5000, 50_000);

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
  }
}
