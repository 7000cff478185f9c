package dev.temperature.adapters.alertmanager;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.temperature.application.port.out.AlertNotification;
import dev.temperature.application.port.out.AlertNotifier;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends alerts to Alertmanager by its v2 API: {@code POST /api/v2/alerts} with a JSON array of
 * {@code labels}, {@code annotations}, {@code startsAt}, {@code endsAt} and {@code generatorURL}.
 *
 * <p>Each Alertmanager has a queue and a sender thread of its own, so a slow or absent one holds up
 * neither the evaluation nor the others. A queue holds the newest notification per alert (by its
 * labels, the identity Alertmanager de-duplicates by) and at most {@code queueCapacity} of them; a
 * failed request is put back and retried after a back-off that doubles up to {@code maxBackoff},
 * unless a newer notification about the same alert arrived meanwhile. An answer of 400 or 422 is a
 * refusal of the content: it is counted and not retried.
 *
 * <p>Delivery is at least once while the process runs, and at most once across a crash: what is
 * queued when the process dies is lost. The evaluation re-sends firing alerts every {@code
 * resendDelay} with an {@code endsAt} several resends ahead, so a lost notification is made good by
 * the next one, and a lost resolution by Alertmanager timing the alert out at its {@code endsAt}.
 */
public final class AlertmanagerNotifier implements AlertNotifier, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerNotifier.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AlertmanagerSettings settings;
  private final DeliveryObserver observer;
  private final HttpClient http;
  private final List<Target> targets = new ArrayList<>();

  public AlertmanagerNotifier(AlertmanagerSettings settings, DeliveryObserver observer) {
    this.settings = Objects.requireNonNull(settings);
    this.observer = Objects.requireNonNull(observer);
    this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    for (URI url : settings.urls()) {
      targets.add(new Target(url));
    }
  }

  /** Starts one sender thread per Alertmanager. */
  public void start() {
    targets.forEach(Target::start);
  }

  @Override
  public void send(List<AlertNotification> notifications) {
    if (notifications.isEmpty()) {
      return;
    }
    for (Target target : targets) {
      target.offer(notifications);
    }
  }

  /** How many alerts wait for the Alertmanager at {@code url}. */
  public int queued(URI url) {
    return targets.stream().filter(t -> t.url.equals(url)).mapToInt(Target::size).sum();
  }

  public List<URI> urls() {
    return settings.urls();
  }

  /**
   * Sends what is queued, each Alertmanager getting one try within {@code timeout}, then stops the
   * threads; what could not be sent is dropped and counted.
   */
  @Override
  public void close() {
    targets.forEach(Target::stop);
    for (Target target : targets) {
      target.join(settings.timeout().plus(settings.timeout()));
    }
  }

  static byte[] body(List<AlertNotification> alerts) throws IOException {
    ArrayNode array = JSON.createArrayNode();
    for (AlertNotification alert : alerts) {
      ObjectNode node = array.addObject();
      ObjectNode labels = node.putObject("labels");
      alert.labels().forEach(labels::put);
      ObjectNode annotations = node.putObject("annotations");
      alert.annotations().forEach(annotations::put);
      node.put("startsAt", alert.startsAt().toString());
      node.put("endsAt", alert.endsAt().toString());
      node.put("generatorURL", alert.generatorUrl());
    }
    return JSON.writeValueAsBytes(array);
  }

  /** One Alertmanager: its queue and its sender thread. */
  private final class Target {
    private final URI url;
    private final URI endpoint;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // Insertion order is age: the eldest entry is dropped first when the queue is full.
    private LinkedHashMap<Map<String, String>, AlertNotification> queue = new LinkedHashMap<>();
    private boolean stopping;
    private Thread thread;

    Target(URI url) {
      this.url = url;
      this.endpoint = AlertmanagerSettings.alertsEndpoint(url);
    }

    void start() {
      thread = new Thread(this::run, "alertmanager-" + url.getHost() + ":" + url.getPort());
      thread.setDaemon(true);
      thread.start();
    }

    int size() {
      lock.lock();
      try {
        return queue.size();
      } finally {
        lock.unlock();
      }
    }

    void offer(List<AlertNotification> notifications) {
      int dropped = 0;
      lock.lock();
      try {
        for (AlertNotification notification : notifications) {
          queue.remove(notification.labels());
          queue.put(notification.labels(), notification);
        }
        dropped = trim();
        changed.signalAll();
      } finally {
        lock.unlock();
      }
      if (dropped > 0) {
        observer.dropped(url, dropped);
        LOG.warn("Alertmanager {}: queue full, dropped the {} oldest alerts", url, dropped);
      }
    }

    /** Drops the oldest entries beyond the capacity; returns how many. Under the lock. */
    private int trim() {
      int dropped = 0;
      var eldest = queue.keySet().iterator();
      while (queue.size() > settings.queueCapacity() && eldest.hasNext()) {
        eldest.next();
        eldest.remove();
        dropped++;
      }
      return dropped;
    }

    /** Puts a failed batch back in front, unless newer notifications replaced its alerts. */
    private void putBack(List<AlertNotification> batch) {
      int dropped;
      lock.lock();
      try {
        LinkedHashMap<Map<String, String>, AlertNotification> again = new LinkedHashMap<>();
        for (AlertNotification notification : batch) {
          if (!queue.containsKey(notification.labels())) {
            again.put(notification.labels(), notification);
          }
        }
        again.putAll(queue);
        queue = again;
        dropped = trim();
      } finally {
        lock.unlock();
      }
      if (dropped > 0) {
        observer.dropped(url, dropped);
      }
    }

    /** Waits for work; returns the next batch, or null once stopping with nothing left. */
    private List<AlertNotification> take() throws InterruptedException {
      lock.lock();
      try {
        while (queue.isEmpty() && !stopping) {
          changed.await();
        }
        List<AlertNotification> batch = new ArrayList<>();
        var entries = queue.values().iterator();
        while (entries.hasNext() && batch.size() < settings.maxBatch()) {
          batch.add(entries.next());
          entries.remove();
        }
        return batch.isEmpty() ? null : batch;
      } finally {
        lock.unlock();
      }
    }

    /** Sleeps for the back-off; returns early (false) when stopping. */
    private boolean pause(Duration backoff) throws InterruptedException {
      lock.lock();
      try {
        long nanos = backoff.toNanos();
        while (!stopping && nanos > 0) {
          nanos = changed.awaitNanos(nanos);
        }
        return !stopping;
      } finally {
        lock.unlock();
      }
    }

    private void run() {
      Duration backoff = settings.minBackoff();
      try {
        List<AlertNotification> batch;
        while ((batch = take()) != null) {
          Outcome outcome = post(batch);
          if (outcome == Outcome.DELIVERED) {
            observer.delivered(url, batch.size());
            backoff = settings.minBackoff();
            continue;
          }
          boolean retry = outcome == Outcome.RETRY;
          observer.failed(url, batch.size(), retry);
          if (!retry) {
            continue;
          }
          putBack(batch);
          if (!pause(backoff)) {
            break; // stopping: one try each was made for what was queued
          }
          Duration doubled = backoff.multipliedBy(2);
          backoff = doubled.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : doubled;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      int left = size();
      if (left > 0) {
        observer.dropped(url, left);
        LOG.warn("Alertmanager {}: {} alerts not delivered before stopping", url, left);
      }
    }

    private Outcome post(List<AlertNotification> batch) {
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(endpoint)
                    .timeout(settings.timeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body(batch)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status / 100 == 2) {
          return Outcome.DELIVERED;
        }
        String why = response.body().strip();
        if (status == 400 || status == 422) {
          LOG.error("Alertmanager {} refused {} alerts ({}): {}", url, batch.size(), status, why);
          return Outcome.REFUSED;
        }
        LOG.warn("Alertmanager {} answered {} to {} alerts: {}", url, status, batch.size(), why);
        return Outcome.RETRY;
      } catch (IOException e) {
        LOG.warn("Alertmanager {} could not be reached: {}", url, e.toString());
        return Outcome.RETRY;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Outcome.RETRY;
      }
    }

    void stop() {
      lock.lock();
      try {
        stopping = true;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }

    void join(Duration within) {
      if (thread == null) {
        return;
      }
      try {
        thread.join(within.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private enum Outcome {
    DELIVERED,
    RETRY,
    REFUSED
  }
}
