package dev.temperature.adapters.file;

import com.codahale.metrics.health.HealthCheck;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.storage.StorageFactory;
import dev.temperature.storage.StorageSettings;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.AutoCloseableManager;
import jakarta.validation.constraints.NotEmpty;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * {@code storage.type: file}: the template's storage block. Listed in
 * META-INF/services/dev.temperature.storage.StorageFactory, so that Dropwizard finds it by its
 * type.
 *
 * <pre>
 * storage:
 *   type: file
 *   path: data/readings.log   # created with its directory when missing
 * </pre>
 */
@JsonTypeName("file")
public class FileStorageFactory implements StorageFactory {
  @NotEmpty private String path = "data/readings.log";

  @JsonProperty
  public String getPath() {
    return path;
  }

  @JsonProperty
  public void setPath(String path) {
    this.path = path;
  }

  /**
   * Opens the file, or fails start-up naming it; closes it when the server stops, after the writes
   * queued for it; and tells the health checks whether it is still open.
   *
   * <p>{@code settings.queryTimeout()} is not used here: a query is a walk over the readings this
   * store holds in memory, under the lock an append holds only while it writes one group, so no
   * query can run long or hold up a write for long. A store whose queries wait on a database must
   * give them up after that budget (see docs/adding-a-storage.md).
   */
  @Override
  public ReadingStore build(Environment environment, StorageSettings settings) {
    FileReadingStore store;
    try {
      store = FileReadingStore.open(Path.of(path));
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      throw new IllegalStateException(
          "cannot use the readings file " + Path.of(path).toAbsolutePath() + ": " + e, e);
    }
    environment.lifecycle().manage(new AutoCloseableManager(store));
    environment
        .healthChecks()
        .register(
            "file",
            new HealthCheck() {
              @Override
              protected Result check() {
                return store.isOpen()
                    ? Result.healthy()
                    : Result.unhealthy("the readings file is closed");
              }
            });
    return store;
  }
}
