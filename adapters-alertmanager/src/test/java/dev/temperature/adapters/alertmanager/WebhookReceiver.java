package dev.temperature.adapters.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The receiver a test owns: a small HTTP server that takes Alertmanager's webhook notifications and
 * keeps them, so the test can count what a person would have been told.
 */
public final class WebhookReceiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One alert of one notification: its name, room and status as Alertmanager sent them. */
  public record Event(
      String alertname, String building, String room, String status, String startsAt) {
    @Override
    public String toString() {
      return status + " " + alertname + " " + building + "/" + room + " since " + startsAt;
    }
  }

  private final HttpServer server;
  private final List<JsonNode> notifications = new CopyOnWriteArrayList<>();

  public WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          try (exchange) {
            notifications.add(JSON.readTree(exchange.getRequestBody()));
            exchange.sendResponseHeaders(200, -1);
          }
        });
    server.start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  /** Every notification so far, as Alertmanager posted it. */
  public List<JsonNode> notifications() {
    return List.copyOf(notifications);
  }

  /** Every alert of every notification so far, in the order they came. */
  public List<Event> events() {
    List<Event> events = new ArrayList<>();
    for (JsonNode notification : notifications) {
      for (JsonNode alert : notification.path("alerts")) {
        JsonNode labels = alert.path("labels");
        events.add(
            new Event(
                labels.path("alertname").asText(),
                labels.path("building").asText(),
                labels.path("room").asText(),
                alert.path("status").asText(),
                alert.path("startsAt").asText()));
      }
    }
    return events;
  }

  /** The events about alerts of this name. */
  public List<Event> events(String alertname) {
    return events().stream().filter(event -> event.alertname().equals(alertname)).toList();
  }

  /** Waits until the events satisfy {@code condition}; false if they never did within the time. */
  public boolean await(Predicate<List<Event>> condition, Duration within)
      throws InterruptedException {
    long until = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < until) {
      if (condition.test(events())) {
        return true;
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
    return condition.test(events());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
