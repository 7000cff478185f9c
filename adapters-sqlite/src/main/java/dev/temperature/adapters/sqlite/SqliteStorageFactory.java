package dev.temperature.adapters.sqlite;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.temperature.adapters.jdbc.Connections;
import dev.temperature.adapters.jdbc.JdbcReadingStore;
import dev.temperature.adapters.jdbc.QueryBudget;
import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.storage.StorageFactory;
import dev.temperature.storage.StorageSettings;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jdbi3.JdbiHealthCheck;
import io.dropwizard.lifecycle.AutoCloseableManager;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code storage.type: sqlite}, the default: one file on local disk, no server.
 *
 * <pre>
 * storage:
 *   type: sqlite
 *   path: data/temperature.db   # created with its directory when missing
 *   busyTimeout: 5s             # how long a writer waits for another writer
 *   maxConnections: 8           # the queries' pool; the writer has a connection of its own
 * </pre>
 *
 * Queries run under {@code queries.timeout}: sqlite-jdbc has no execution timeout of its own, so a
 * {@link QueryBudget} interrupts a statement that overruns it.
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
  public ReadingStore build(Environment environment, StorageSettings settings) {
    Path file = prepareDirectory(Path.of(path));
    // The writer's own connection, which no query can take: SQLite lets one connection write at a
    // time anyway, and the group-commit writer is the one that writes.
    Jdbi writes = Jdbi.create(pool(environment, "sqlite-writer", file, 1));
    Jdbi queries = Jdbi.create(pool(environment, "sqlite-queries", file, maxConnections));
    // The writer's connection answers whether the file can be written, which readiness asks.
    environment
        .healthChecks()
        .register("sqlite", new JdbiHealthCheck(writes, Optional.of("SELECT 1")));
    SqliteSchema.migrate(writes);
    QueryBudget budget = new QueryBudget(settings.queryTimeout());
    environment.lifecycle().manage(new AutoCloseableManager(budget));
    // One file: nothing to discard after a lost connection, and no replica to read from.
    return new JdbcReadingStore(
        new Connections(writes, () -> {}),
        new Connections(budget.limit(queries), () -> {}),
        new SqliteDialect(),
        new SqliteFailures());
  }

  /**
   * HikariCP rather than Dropwizard's pool: on a GET that costs SQLite microseconds, the Tomcat
   * pool's reflective proxies and fair queue took a fifth of the request's CPU.
   */
  private HikariDataSource pool(Environment environment, String name, Path file, int size) {
    HikariConfig pool = new HikariConfig();
    pool.setPoolName(name);
    pool.setJdbcUrl(jdbcUrl(file));
    Properties pragmas = new Properties();
    pragmas.putAll(connectionProperties(busyTimeout.toMilliseconds()));
    pool.setDataSourceProperties(pragmas);
    pool.setMinimumIdle(1);
    pool.setMaximumPoolSize(size);
    pool.setConnectionTimeout(Math.max(250, busyTimeout.toMilliseconds()));
    HikariDataSource dataSource = new HikariDataSource(pool);
    environment.lifecycle().manage(new AutoCloseableManager(dataSource));
    return dataSource;
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
