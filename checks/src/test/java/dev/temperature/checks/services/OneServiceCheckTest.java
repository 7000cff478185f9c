package dev.temperature.checks.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.temperature.checks.ShippedFiles;
import dev.temperature.testing.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Whether a missing service skips a test or fails it is decided in one place, test-support's
 * RequiredServices: a test that asks itself whether it runs in CI has copied that decision, and
 * would drift from it. Declare the need with {@code @RequiresService} instead
 * (docs/development.md).
 */
class OneServiceCheckTest {
  private static final Pattern ASKS_FOR_CI = Pattern.compile("getenv\\(\\s*\"CI\"\\s*\\)|\"CI\"");

  @Test
  void onlyTheTestSupportAsksWhetherThisIsCi() throws IOException {
    Path root = Repository.root();
    List<Path> sources;
    try (Stream<Path> files = Files.walk(root)) {
      sources =
          files
              .filter(file -> file.toString().endsWith(".java"))
              .filter(file -> !file.toString().contains("/target/"))
              .toList();
    }
    List<String> asking =
        sources.stream()
            .filter(file -> !file.startsWith(root.resolve("test-support")))
            .filter(file -> !file.equals(root.resolve(thisFile())))
            .filter(file -> ASKS_FOR_CI.matcher(ShippedFiles.read(file)).find())
            .map(file -> root.relativize(file).toString())
            .toList();

    assertThat(sources).as("Java sources found").hasSizeGreaterThan(100);
    assertThat(asking).as("sources that check CI themselves; use @RequiresService").isEmpty();
  }

  private static Path thisFile() {
    return Path.of(
        "checks/src/test/java", OneServiceCheckTest.class.getName().replace('.', '/') + ".java");
  }
}
