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
}
