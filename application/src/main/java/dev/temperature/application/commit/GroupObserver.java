package dev.temperature.application.commit;

import java.time.Duration;

/**
 * Learns of every group written, for metrics; called on the writer's thread, so it must be quick.
 */
@FunctionalInterface
public interface GroupObserver {
  GroupObserver NONE = group -> {};

  /**
   * @param requests how many writes joined the group
   * @param readings how many readings it carried
   * @param waited how long its oldest write waited for the writer
   * @param took how long the store took to write it
   * @param stored whether the store acknowledged it
   */
  record Group(int requests, int readings, Duration waited, Duration took, boolean stored) {}

  void committed(Group group);

  /**
   * The writer ended while the group commit was open: interrupted, or by a failure outside the
   * store's call. Every request it was responsible for has been failed as unavailable.
   */
  default void writerDied(Throwable cause) {}

  /** A new writer took over from one that died. */
  default void writerRestarted() {}
}
