package dev.temperature.bootstrap.admin;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Liveness and readiness for orchestrators, on the admin port.
 *
 * <p>Liveness answers whether restarting the process could help: it runs only the thread-deadlock
 * check and never touches the database, so a database outage does not get every replica killed.
 *
 * <p>Readiness answers whether to send traffic: it runs every registered health check (the store's
 * {@code sqlite}, {@code timescale} or {@code influx} among them) and answers within a fixed
 * deadline even when a check hangs on a host that does not answer. A check still running from an
 * earlier probe is waited for rather than started again, so probes never pile up threads.
 */
public final class Probes {
  /** Leaves room for a 2 s probe timeout (Kubernetes' default is 1 s: set timeoutSeconds: 2). */
  public static final Duration READINESS_DEADLINE = Duration.ofMillis(1500);

  static final String DEADLOCKS = "deadlocks";

  private Probes() {}

  static HttpServlet liveness(HealthCheckRegistry checks, ObjectMapper json) {
    return new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse response)
          throws IOException {
        Map<String, HealthCheck.Result> results = new TreeMap<>();
        if (checks.getNames().contains(DEADLOCKS)) {
          results.put(DEADLOCKS, checks.runHealthCheck(DEADLOCKS));
        }
        answer(response, json, results, "alive", "deadlocked");
      }
    };
  }

  static HttpServlet readiness(
      HealthCheckRegistry checks, ExecutorService executor, Duration deadline, ObjectMapper json) {
    return new Readiness(checks, executor, deadline, json);
  }

  private static final class Readiness extends HttpServlet {
    private final HealthCheckRegistry checks;
    private final ExecutorService executor;
    private final long deadlineNanos;
    private final ObjectMapper json;
    private final Map<String, Future<HealthCheck.Result>> running = new ConcurrentHashMap<>();

    Readiness(
        HealthCheckRegistry checks,
        ExecutorService executor,
        Duration deadline,
        ObjectMapper json) {
      this.checks = checks;
      this.executor = executor;
      this.deadlineNanos = deadline.toNanos();
      this.json = json;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      long until = System.nanoTime() + deadlineNanos;
      Map<String, Future<HealthCheck.Result>> started = new TreeMap<>();
      Map<String, HealthCheck.Result> results = new TreeMap<>();
      for (String name : checks.getNames()) {
        try {
          started.put(name, running.computeIfAbsent(name, this::start));
        } catch (RejectedExecutionException e) {
          results.put(name, HealthCheck.Result.unhealthy("no thread free to run the check"));
        }
      }
      for (Map.Entry<String, Future<HealthCheck.Result>> check : started.entrySet()) {
        results.put(check.getKey(), await(check.getKey(), check.getValue(), until));
      }
      answer(response, json, results, "ready", "not ready");
    }

    private Future<HealthCheck.Result> start(String name) {
      return executor.submit(() -> checks.runHealthCheck(name));
    }

    private HealthCheck.Result await(String name, Future<HealthCheck.Result> check, long until) {
      try {
        HealthCheck.Result result =
            check.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
        running.remove(name, check);
        return result;
      } catch (TimeoutException e) {
        // Left in `running`: the next probe waits for this same check instead of starting another.
        return HealthCheck.Result.unhealthy(
            "no answer within " + TimeUnit.NANOSECONDS.toMillis(deadlineNanos) + " ms");
      } catch (ExecutionException e) {
        running.remove(name, check);
        return HealthCheck.Result.unhealthy(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return HealthCheck.Result.unhealthy("interrupted");
      }
    }
  }

  private static void answer(
      HttpServletResponse response,
      ObjectMapper json,
      Map<String, HealthCheck.Result> results,
      String good,
      String bad)
      throws IOException {
    boolean healthy = results.values().stream().allMatch(HealthCheck.Result::isHealthy);
    Map<String, Object> checks = new TreeMap<>();
    results.forEach(
        (name, result) ->
            checks.put(
                name,
                result.getMessage() == null
                    ? Map.of("healthy", result.isHealthy())
                    : Map.of("healthy", result.isHealthy(), "message", result.getMessage())));
    response.setStatus(healthy ? 200 : 503);
    response.setContentType("application/json");
    response.setHeader("Cache-Control", "no-store");
    json.writeValue(
        response.getOutputStream(), Map.of("status", healthy ? good : bad, "checks", checks));
  }
}
