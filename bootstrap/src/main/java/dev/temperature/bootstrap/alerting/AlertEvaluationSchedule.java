package dev.temperature.bootstrap.alerting;

import dev.temperature.application.port.in.EvaluateAlertsUseCase;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the evaluation on a thread of its own: at start, then just after each whole multiple of the
 * interval (the moments every replica evaluates), one at a time. An evaluation that overruns its
 * interval makes the next one wait rather than pile up. Requests never wait for it: it shares only
 * the store's query path with them.
 */
public final class AlertEvaluationSchedule implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(AlertEvaluationSchedule.class);

  private final EvaluateAlertsUseCase evaluation;
  private final Duration interval;
  private final Clock clock;
  private final Runnable beforeEach;
  private ScheduledExecutorService executor;

  /** {@code beforeEach} runs ahead of every evaluation: the rule file's watch. */
  public AlertEvaluationSchedule(
      EvaluateAlertsUseCase evaluation, Duration interval, Clock clock, Runnable beforeEach) {
    this.evaluation = evaluation;
    this.interval = interval;
    this.clock = clock;
    this.beforeEach = beforeEach;
  }

  @Override
  public void start() {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            work -> {
              Thread thread = new Thread(work, "alert-evaluation");
              thread.setDaemon(true);
              return thread;
            });
    executor.execute(this::tick);
  }

  private void tick() {
    try {
      beforeEach.run();
      evaluation.evaluate();
    } catch (RuntimeException e) {
      LOG.error("Alert evaluation failed", e);
    } finally {
      if (!executor.isShutdown()) {
        executor.schedule(this::tick, untilNextTick(), TimeUnit.MILLISECONDS);
      }
    }
  }

  /**
   * To the next whole multiple of the interval, plus a short grace (a tenth of the interval, at
   * most a second) for writes stamped before that moment to be committed.
   */
  long untilNextTick() {
    long step = interval.toMillis();
    long now = clock.millis();
    long next = Math.floorDiv(now, step) * step + step;
    return next - now + Math.min(1000, step / 10);
  }

  @Override
  public void stop() throws InterruptedException {
    executor.shutdownNow();
    if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
      LOG.warn("Alert evaluation did not stop within 10 s");
    }
  }
}
