package dev.temperature.bootstrap.retention;

import dev.temperature.application.port.in.RebuildRollupsUseCase;
import dev.temperature.domain.Window;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.cli.EnvironmentCommand;
import io.dropwizard.core.setup.Environment;
import java.time.Instant;
import java.util.function.Supplier;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * {@code java -jar temperature-api.jar rebuild-rollups config.yml [--from ...] [--to ...]}: the
 * same as the admin task, without a server; for an import made while the service is down.
 */
public final class RebuildRollupsCommand<T extends Configuration> extends EnvironmentCommand<T> {
  private final Application<T> application;
  private final Supplier<RebuildRollupsUseCase> rollups;

  /** {@code rollups} is what the application made of the configuration, asked once it has run. */
  public RebuildRollupsCommand(
      Application<T> application, Supplier<RebuildRollupsUseCase> rollups) {
    super(
        application,
        "rebuild-rollups",
        "Recompute the hourly and daily rollups from the readings (after an import)");
    this.application = application;
    this.rollups = rollups;
  }

  /** The application's configuration class: the type parameter is erased in this generic class. */
  @Override
  protected Class<T> getConfigurationClass() {
    return application.getConfigurationClass();
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser.addArgument("--from").help("first instant, e.g. 2024-01-01T00:00:00Z (default: all)");
    subparser.addArgument("--to").help("last instant (default: now)");
  }

  /**
   * Rebuilds, then stops what the application made (the group-commit writer, the pools), which no
   * server lifecycle will stop here.
   */
  @Override
  protected void run(Environment environment, Namespace namespace, T configuration)
      throws Exception {
    try {
      String from = namespace.getString("from");
      String to = namespace.getString("to");
      RebuildRollupsUseCase.Rebuilt rebuilt =
          rollups
              .get()
              .rebuild(
                  from == null ? Window.EARLIEST : Instant.parse(from),
                  to == null ? Instant.now() : Instant.parse(to));
      System.out.printf(
          "rebuilt the rollups of %s to %s: %d hourly rollups%n",
          rebuilt.from(), rebuilt.to(), rebuilt.hourlyRollups());
    } finally {
      for (LifeCycle managed : environment.lifecycle().getManagedObjects()) {
        managed.stop();
      }
    }
  }
}
