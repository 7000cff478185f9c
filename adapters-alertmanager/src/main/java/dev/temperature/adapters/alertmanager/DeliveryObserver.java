package dev.temperature.adapters.alertmanager;

import java.net.URI;

/** Hears how deliveries go, for metrics; the bootstrap implements it. */
public interface DeliveryObserver {
  DeliveryObserver NONE = new DeliveryObserver() {};

  /** Alertmanager at {@code target} accepted {@code alerts} alerts in one request. */
  default void delivered(URI target, int alerts) {}

  /**
   * A request of {@code alerts} alerts failed; they are retried unless {@code retried} is false.
   */
  default void failed(URI target, int alerts, boolean retried) {}

  /**
   * {@code alerts} alerts were dropped undelivered: the queue was full, or the process stopped
   * before they could be sent. Firing alerts are sent again at the next resend.
   */
  default void dropped(URI target, int alerts) {}
}
