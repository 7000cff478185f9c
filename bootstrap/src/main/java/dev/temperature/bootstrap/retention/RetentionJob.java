package dev.temperature.bootstrap.retention;

import dev.temperature.application.port.in.ApplyRetentionUseCase;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the retention every {@code retention.interval}, the first time a minute after start-up.
 * Every replica runs it; removal by cut-off moment makes that harmless. A run that fails is logged,
 * and the next one removes what it left.
 */
public final class RetentionJob implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);
  private static final Duration FIRST_RUN = Duration.ofMinutes(1);

  private final ApplyRetentionUseCase retention;
  private final Duration interval;
  private ScheduledExecutorService scheduler;

  public RetentionJob(ApplyRetentionUseCase retention, Duration interval) {
    this.retention = retention;
    this.interval = interval;
  }

  @Override
  public void start() {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "retention");
              thread.setDaemon(true);
              return thread;
            });
    scheduler.scheduleWithFixedDelay(
        this::run, FIRST_RUN.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  void run() {
    try {
      ApplyRetentionUseCase.Applied applied = retention.apply();
      if (applied.readingsBefore().isPresent() || applied.rollupsBefore().isPresent()) {
        LOG.info(
            "Retention: readings removed before {}, rollups before {}",
            applied.readingsBefore().map(Object::toString).orElse("(none)"),
            applied.rollupsBefore().map(Object::toString).orElse("(none)"));
      }
    } catch (RuntimeException e) {
      LOG.warn("Retention could not run this time, the next run carries on: {}", e.getMessage());
    }
  }

  @Override
  public void stop() throws InterruptedException {
    scheduler.shutdownNow();
    scheduler.awaitTermination(10, TimeUnit.SECONDS);
  }
}
