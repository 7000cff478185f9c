package dev.temperature.application.port.out;

import java.util.List;

/** Tells Alertmanager (or whatever stands in its place) which alerts fire and which resolved. */
public interface AlertNotifier {
  /**
   * Hands the notifications over for delivery and returns at once: delivering, retrying and giving
   * up are the notifier's business, so that a slow or absent receiver never holds up an evaluation.
   * A notification may be delivered more than once; a newer one about the same labels supersedes an
   * older one not yet delivered.
   */
  void send(List<AlertNotification> notifications);

  /** For evaluation without delivery (no Alertmanager configured). */
  AlertNotifier NONE = notifications -> {};
}
