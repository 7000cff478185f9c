package dev.temperature.adapters.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.temperature.adapters.alertmanager.AlertmanagerServer.Grouping;
import dev.temperature.adapters.alertmanager.WebhookReceiver.Event;
import dev.temperature.application.port.out.AlertNotification;
import dev.temperature.testing.RequiresService;
import dev.temperature.testing.Service;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@RequiresService(Service.ALERTMANAGER)
class AlertmanagerNotifierTest {
  @TempDir Path directory;

  private final AtomicInteger delivered = new AtomicInteger();
  private final AtomicInteger retried = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicInteger dropped = new AtomicInteger();

  private final DeliveryObserver counting =
      new DeliveryObserver() {
        @Override
        public void delivered(URI target, int alerts) {
          delivered.addAndGet(alerts);
        }

        @Override
        public void failed(URI target, int alerts, boolean retry) {
          (retry ? retried : refused).addAndGet(alerts);
        }

        @Override
        public void dropped(URI target, int alerts) {
          AlertmanagerNotifierTest.this.dropped.addAndGet(alerts);
        }
      };

  private static AlertmanagerSettings settings(URI url, int capacity) {
    return new AlertmanagerSettings(
        List.of(url),
        Duration.ofSeconds(2),
        capacity,
        Duration.ofMillis(100),
        Duration.ofMillis(400),
        256);
  }

  private static AlertNotification alert(String room, Instant startsAt, Instant endsAt) {
    return new AlertNotification(
        Map.of("alertname", "TooHot", "building", "main", "room", room),
        Map.of("summary", room + " is too hot"),
        startsAt,
        endsAt,
        "http://localhost:5000/dashboard#/buildings/main/rooms/" + room);
  }

  @Test
  void aFiringAlertAndItsResolutionReachTheReceiverThroughARealAlertmanager() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    try (WebhookReceiver receiver = new WebhookReceiver();
        AlertmanagerServer alertmanager =
            AlertmanagerServer.start(directory, receiver.url(), Grouping.FAST);
        AlertmanagerNotifier notifier =
            new AlertmanagerNotifier(settings(alertmanager.url(), 100), counting)) {
      notifier.start();

      notifier.send(List.of(alert("kitchen", now, now.plusSeconds(240))));
      assertThat(receiver.await(events -> events.size() == 1, Duration.ofSeconds(20))).isTrue();
      JsonNode held = alertmanager.alerts().get(0);
      assertThat(held.path("labels").path("room").asText()).isEqualTo("kitchen");
      assertThat(held.path("annotations").path("summary").asText()).isEqualTo("kitchen is too hot");
      assertThat(held.path("generatorURL").asText()).endsWith("/rooms/kitchen");

      notifier.send(List.of(alert("kitchen", now, Instant.now())));
      assertThat(receiver.await(events -> events.size() == 2, Duration.ofSeconds(20))).isTrue();

      assertThat(receiver.events()).extracting(Event::status).containsExactly("firing", "resolved");
      assertThat(delivered.get()).isEqualTo(2);
    }
  }

  @Test
  void aDeliveryThatFailsIsRetriedWithBackOffUntilAlertmanagerAnswers() throws Exception {
    int port = AlertmanagerServer.freePort();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    try (WebhookReceiver receiver = new WebhookReceiver();
        AlertmanagerNotifier notifier =
            new AlertmanagerNotifier(
                settings(URI.create("http://127.0.0.1:" + port), 100), counting)) {
      notifier.start();
      notifier.send(List.of(alert("kitchen", now, now.plusSeconds(240))));
      while (retried.get() < 3) {
        Thread.sleep(50);
      }
      assertThat(notifier.queued(URI.create("http://127.0.0.1:" + port))).isEqualTo(1);

      try (AlertmanagerServer alertmanager =
          AlertmanagerServer.start(directory, receiver.url(), Grouping.FAST, port)) {
        assertThat(receiver.await(events -> events.size() == 1, Duration.ofSeconds(20))).isTrue();
        assertThat(alertmanager.alerts()).hasSize(1);
      }
      assertThat(delivered.get()).isEqualTo(1);
      assertThat(dropped.get()).isZero();
    }
  }

  @Test
  void anAlertAlertmanagerRefusesIsCountedAndNotRetried() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    try (WebhookReceiver receiver = new WebhookReceiver();
        AlertmanagerServer alertmanager =
            AlertmanagerServer.start(directory, receiver.url(), Grouping.FAST);
        AlertmanagerNotifier notifier =
            new AlertmanagerNotifier(settings(alertmanager.url(), 100), counting)) {
      notifier.start();
      // Ends before it starts: Alertmanager's validation answers 400.
      notifier.send(List.of(alert("kitchen", now, now.minusSeconds(60))));
      while (refused.get() + delivered.get() == 0) {
        Thread.sleep(50);
      }

      assertThat(refused.get()).isEqualTo(1);
      assertThat(retried.get()).isZero();
      assertThat(notifier.queued(alertmanager.url())).isZero();
    }
  }

  @Test
  void theQueueKeepsTheNewestNotificationPerAlertAndDropsTheOldestBeyondItsCapacity() {
    URI nowhere = URI.create("http://127.0.0.1:9");
    Instant now = Instant.parse("2024-12-10T17:00:00Z");
    // Not started: nothing leaves the queue, so what it keeps can be seen.
    AlertmanagerNotifier notifier = new AlertmanagerNotifier(settings(nowhere, 3), counting);

    notifier.send(List.of(alert("a", now, now), alert("b", now, now), alert("c", now, now)));
    notifier.send(List.of(alert("a", now, now.plusSeconds(1))));
    assertThat(notifier.queued(nowhere)).isEqualTo(3);
    assertThat(dropped.get()).isZero();

    notifier.send(List.of(alert("d", now, now), alert("e", now, now)));

    assertThat(notifier.queued(nowhere)).isEqualTo(3);
    assertThat(dropped.get()).isEqualTo(2); // b and c, the oldest; a was renewed after them
  }
}
