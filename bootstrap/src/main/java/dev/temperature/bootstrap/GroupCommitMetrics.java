package dev.temperature.bootstrap;

import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import dev.temperature.application.commit.GroupCommit;
import dev.temperature.application.commit.GroupObserver;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit as Dropwizard metrics: how many requests and readings each group carried, how long
 * writes waited for the writer and how long the store took, failed groups, the queue's length, and
 * writers that died and were replaced.
 */
final class GroupCommitMetrics implements GroupObserver {
  static final String PREFIX = "writes.groups";
  static final String WRITER = "writes.writer";
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitMetrics.class);

  private final Histogram requests;
  private final Histogram readings;
  private final Timer waited;
  private final Timer took;
  private final Meter failed;
  private final Meter deaths;
  private final Meter restarts;

  GroupCommitMetrics(MetricRegistry metrics) {
    requests = metrics.histogram(PREFIX + ".requests");
    readings = metrics.histogram(PREFIX + ".readings");
    waited = metrics.timer(PREFIX + ".wait");
    took = metrics.timer(PREFIX + ".commit");
    failed = metrics.meter(PREFIX + ".failed");
    deaths = metrics.meter(WRITER + ".deaths");
    restarts = metrics.meter(WRITER + ".restarts");
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

  @Override
  public void writerDied(Throwable cause) {
    deaths.mark();
    LOG.error("The group-commit writer died; every write waiting for it was answered 503", cause);
  }

  @Override
  public void writerRestarted() {
    restarts.mark();
    LOG.warn("A new group-commit writer took over");
  }
}
