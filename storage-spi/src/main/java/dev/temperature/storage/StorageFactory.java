package dev.temperature.storage;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.temperature.application.port.out.ReadingStore;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jackson.Discoverable;
import java.util.Map;

/**
 * The {@code storage} block of the configuration. Each storage adapter implements it once, names
 * itself with {@code @JsonTypeName}, and lists the class in {@code
 * META-INF/services/dev.temperature.storage.StorageFactory}; Dropwizard's Jackson then picks it by
 * {@code storage.type}. Adding an adapter therefore adds a module and touches no existing code.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface StorageFactory extends Discoverable {
  /**
   * Opens the store, prepares its schema, and registers its lifecycle ({@code Managed}) and a
   * health check with the environment. Fails start-up with a clear message when the store cannot be
   * used, rather than failing the first request.
   *
   * <p>Writes get connections of their own, which no query can take: slow reads must never hold up
   * an acknowledgement. Every query runs under {@link StorageSettings#queryTimeout()}, and one that
   * overruns it is a {@code StorageUnavailableException}.
   */
  ReadingStore build(Environment environment, StorageSettings settings);

  /** The most group-commit writers a storage block may ask for. */
  int MAX_WRITERS = 16;

  /**
   * How many group-commit writers write to the store at the same time, each holding a connection of
   * its own that {@link #build} provides: 1, the default, for an engine that takes one writer at a
   * time (SQLite); more where the engine writes in parallel and the next group can be sent while
   * one commits.
   */
  default int writers() {
    return 1;
  }

  /** With {@link StorageSettings#DEFAULT}. */
  default ReadingStore build(Environment environment) {
    return build(environment, StorageSettings.DEFAULT);
  }

  /**
   * The block's secrets (passwords, tokens) by the path of their setting, such as {@code
   * storage.database.password}, for start-up to refuse the example values the repository ships.
   * Only those that are set; none by default.
   */
  default Map<String, String> secrets() {
    return Map.of();
  }
}
