package dev.temperature.adapters.influx;

import io.dropwizard.lifecycle.Managed;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals InfluxDB's rollups every minute ({@link InfluxRollups#advance}), starting at once. A run
 * that fails (InfluxDB down) is logged and the next one carries on from the sealed mark: nothing is
 * lost, questions only read more readings meanwhile.
 */
final class RollupSealer implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(RollupSealer.class);
  static final long PERIOD_SECONDS = 60;

  private final InfluxRollups rollups;
  private ScheduledExecutorService scheduler;

  RollupSealer(InfluxRollups rollups) {
    this.rollups = rollups;
  }

  @Override
  public void start() {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "influx-rollup-sealer");
              thread.setDaemon(true);
              return thread;
            });
    scheduler.scheduleWithFixedDelay(this::run, 0, PERIOD_SECONDS, TimeUnit.SECONDS);
  }

  private void run() {
    try {
      rollups.advance();
    } catch (RuntimeException e) {
      LOG.warn("Could not seal the rollups in InfluxDB this time: {}", e.getMessage());
    }
  }

  @Override
  public void stop() throws InterruptedException {
    scheduler.shutdownNow();
    scheduler.awaitTermination(10, TimeUnit.SECONDS);
  }
}
