package dev.temperature.application.alerting;

import java.time.Duration;

/** Hears how evaluations go, for metrics; the bootstrap implements it. */
public interface EvaluationObserver {
  EvaluationObserver NONE = new EvaluationObserver() {};

  /** An evaluation finished: how long it took and how many queries it sent the store. */
  default void evaluated(Duration took, long queries) {}

  /** An evaluation failed (the store is down, say); the alerts keep the state they had. */
  default void failed(RuntimeException cause) {}

  /** Notifications handed to the notifier by an evaluation. */
  default void notified(int firing, int resolved) {}
}
