package dev.temperature.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout the tests run in, for the files that are not on the classpath. */
public final class Repository {
  private Repository() {}

  /** The directory that holds {@code mvnw}, found upwards from the module Maven runs in. */
  public static Path root() {
    Path here = Path.of("").toAbsolutePath();
    while (here != null && !Files.exists(here.resolve("mvnw"))) {
      here = here.getParent();
    }
    if (here == null) {
      throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath());
    }
    return here;
  }
}
