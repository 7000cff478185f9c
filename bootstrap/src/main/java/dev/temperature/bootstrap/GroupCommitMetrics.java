package dev.temperature.bootstrap;

import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import dev.temperature.application.commit.GroupCommit;
import dev.temperature.application.commit.GroupObserver;
import java.util.concurrent.TimeUnit;

/**
 * Group commit as Dropwizard metrics: how many requests and readings each group carried, how long
 * writes waited for the writer and how long the store took, failed groups, and the queue's length.
 */
final class GroupCommitMetrics implements GroupObserver {
  static final String PREFIX = "writes.groups";

  private final Histogram requests;
  private final Histogram readings;
  private final Timer waited;
  private final Timer took;
  private final Meter failed;

  GroupCommitMetrics(MetricRegistry metrics) {
    requests = metrics.histogram(PREFIX + ".requests");
    readings = metrics.histogram(PREFIX + ".readings");
    waited = metrics.timer(PREFIX + ".wait");
    took = metrics.timer(PREFIX + ".commit");
    failed = metrics.meter(PREFIX + ".failed");
  }

  /** The queue's length in readings, read when the metrics are. */
  static void watch(MetricRegistry metrics, GroupCommit commit) {
    metrics.gauge("writes.queued", () -> commit::queued);
  }

  @Override
  public void committed(Group group) {
    requests.update(group.requests());
    readings.update(group.readings());
    waited.update(group.waited().toNanos(), TimeUnit.NANOSECONDS);
    took.update(group.took().toNanos(), TimeUnit.NANOSECONDS);
    if (!group.stored()) {
      failed.mark();
    }
  }
}
