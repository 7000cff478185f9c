package dev.temperature.adapters.sqlite;

import dev.temperature.application.port.out.ReadingStore;
import io.dropwizard.core.setup.Environment;
import java.nio.file.Path;
import org.eclipse.jetty.util.component.LifeCycle;

/** A store opened the way the server opens it, and closed the way the server closes it. */
final class OpenSqliteStore implements AutoCloseable {
  final Environment environment = new Environment("sqlite-test");
  final ReadingStore store;

  OpenSqliteStore(Path file) {
    SqliteStorageFactory factory = new SqliteStorageFactory();
    factory.setPath(file.toString());
    store = factory.build(environment);
  }

  @Override
  public void close() throws Exception {
    for (LifeCycle managed : environment.lifecycle().getManagedObjects()) {
      managed.stop();
    }
  }
}
