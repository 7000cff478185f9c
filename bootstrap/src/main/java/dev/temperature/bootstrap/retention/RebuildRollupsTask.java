package dev.temperature.bootstrap.retention;

import dev.temperature.application.port.in.RebuildRollupsUseCase;
import dev.temperature.domain.Window;
import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /tasks/rebuild-rollups[?from=...&to=...]} on the admin port: recomputes the hourly
 * and daily rollups from the readings, by default of every hour whose readings are kept. For
 * readings written into the database behind the service's back (an import). Answers when done, with
 * what was rebuilt.
 */
public final class RebuildRollupsTask extends Task {
  private final RebuildRollupsUseCase rollups;
  private final Clock clock;

  public RebuildRollupsTask(RebuildRollupsUseCase rollups, Clock clock) {
    super("rebuild-rollups");
    this.rollups = rollups;
    this.clock = clock;
  }

  @Override
  public void execute(Map<String, List<String>> parameters, PrintWriter output) {
    Instant from = moment(parameters, "from", Window.EARLIEST);
    Instant to = moment(parameters, "to", clock.instant());
    RebuildRollupsUseCase.Rebuilt rebuilt = rollups.rebuild(from, to);
    output.printf(
        "rebuilt the rollups of %s to %s: %d hourly rollups%n",
        rebuilt.from(), rebuilt.to(), rebuilt.hourlyRollups());
  }

  private static Instant moment(Map<String, List<String>> parameters, String name, Instant absent) {
    List<String> values = parameters.getOrDefault(name, List.of());
    if (values.isEmpty() || values.get(0).isBlank()) {
      return absent;
    }
    try {
      return Instant.parse(values.get(0));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          name + " must be an instant such as 2024-12-10T00:00:00Z, got " + values.get(0), e);
    }
  }
}
