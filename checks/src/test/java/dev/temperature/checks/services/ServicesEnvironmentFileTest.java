package dev.temperature.checks.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.temperature.testing.Repository;
import dev.temperature.testing.RequiresService;
import dev.temperature.testing.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The files scripts/services.sh writes hold database passwords and tokens: only their owner may
 * read them. Checked on the files of the run that provisioned this test's databases ({@code make
 * test} and {@code make services} both write them before Maven runs).
 */
@RequiresService(Service.SERVICES_FILES)
class ServicesEnvironmentFileTest {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  @Test
  void theServicesEnvironmentFilesAreReadableByTheirOwnerOnly() throws IOException {
    Path root = Repository.root();
    List<Path> files = new ArrayList<>();
    files.add(root.resolve(".services.env"));
    if (Files.isDirectory(root.resolve(".services"))) {
      try (Stream<Path> written = Files.list(root.resolve(".services"))) {
        written.filter(file -> file.getFileName().toString().endsWith(".env")).forEach(files::add);
      }
    }
    for (Path file : files) {
      assertThat(Files.getPosixFilePermissions(file))
          .as(root.relativize(file) + " holds passwords")
          .isEqualTo(OWNER_ONLY);
    }
  }
}
