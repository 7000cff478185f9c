package dev.temperature.adapters.sqlite;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.temperature.adapters.jdbc.Connections;
import dev.temperature.adapters.jdbc.JdbcReadingStore;
import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.storage.StorageFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code storage.type: sqlite}, the default: one file on local disk, no server.
 *
 * <pre>
 * storage:
 *   type: sqlite
 *   path: data/temperature.db   # created with its directory when missing
 *   busyTimeout: 5s             # how long a writer waits for another writer
 *   maxConnections: 8
 * </pre>
 */
@JsonTypeName("sqlite")
public class SqliteStorageFactory implements StorageFactory {
  @NotEmpty private String path = "data/temperature.db";
  @NotNull private Duration busyTimeout = Duration.seconds(5);

  @Min(1)
  @Max(64)
  private int maxConnections = 8;

  @JsonProperty
  public String getPath() {
    return path;
  }

  @JsonProperty
  public void setPath(String path) {
    this.path = path;
  }

  @JsonProperty
  public Duration getBusyTimeout() {
    return busyTimeout;
  }

  @JsonProperty
  public void setBusyTimeout(Duration busyTimeout) {
    this.busyTimeout = busyTimeout;
  }

  @JsonProperty
  public int getMaxConnections() {
    return maxConnections;
  }

  @JsonProperty
  public void setMaxConnections(int maxConnections) {
    this.maxConnections = maxConnections;
  }

  @Override
  public ReadingStore build(Environment environment) {
    Path file = prepareDirectory(Path.of(path));
    DataSourceFactory dataSource = new DataSourceFactory();
    dataSource.setDriverClass("org.sqlite.JDBC");
    dataSource.setUrl(jdbcUrl(file));
    dataSource.setProperties(connectionProperties(busyTimeout.toMilliseconds()));
    dataSource.setMinSize(1);
    dataSource.setInitialSize(1);
    dataSource.setMaxSize(maxConnections);
    dataSource.setValidationQuery("SELECT 1");
    // Registers the pool with Dropwizard's lifecycle (closed on shutdown) and a health check
    // named "sqlite" that runs the validation query.
    Jdbi jdbi = new JdbiFactory().build(environment, dataSource, "sqlite");
    SqliteSchema.migrate(jdbi);
    // One file, one pool: nothing to discard after a lost connection, and no replica to read from.
    return new JdbcReadingStore(
        new Connections(jdbi, () -> {}), new SqliteDialect(), new SqliteFailures());
  }

  static String jdbcUrl(Path file) {
    return "jdbc:sqlite:" + file.toAbsolutePath();
  }

  /**
   * sqlite-jdbc applies these pragmas to every connection it opens. WAL lets readers run while one
   * writer writes; synchronous=FULL makes a commit durable before it returns, which is what a 201
   * promises (NORMAL could lose the last commits on power loss).
   */
  static Map<String, String> connectionProperties(long busyTimeoutMillis) {
    return Map.of(
        "journal_mode", "WAL",
        "synchronous", "FULL",
        "busy_timeout", Long.toString(busyTimeoutMillis),
        "foreign_keys", "true");
  }

  private static Path prepareDirectory(Path file) {
    Path directory = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot create the directory " + directory + " for the SQLite file: " + e.getMessage(),
          e);
    }
    if (!Files.isWritable(directory)) {
      throw new IllegalStateException("the directory " + directory + " is not writable");
    }
    return file;
  }
}
