package dev.temperature.adapters.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.domain.Aggregate;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Temperature;
import dev.temperature.domain.Window;
import dev.temperature.storage.StorageFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jackson.Jackson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.eclipse.jetty.util.component.LifeCycle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the guide asks of a factory and of a store beyond the contract suite. */
class FileStorageFactoryTest {
  private static final Instant T0 = Instant.parse("2024-12-10T16:45:00Z");
  private static final BuildingId MAIN = new BuildingId("main");
  private static final RoomId KITCHEN = new RoomId("kitchen");
  private static final Window AROUND_T0 = new Window(T0.minusSeconds(60), T0.plusSeconds(60));

  @TempDir Path directory;

  @Test
  void storageTypeFilePicksThisFactoryThroughItsServiceFile() throws Exception {
    ObjectMapper yaml = Jackson.newObjectMapper(new YAMLFactory());

    StorageFactory factory =
        yaml.readValue("type: file\npath: /var/lib/readings.log\n", StorageFactory.class);

    assertThat(factory).isInstanceOf(FileStorageFactory.class);
    assertThat(((FileStorageFactory) factory).getPath()).isEqualTo("/var/lib/readings.log");
  }

  @Test
  void buildRegistersAHealthCheckAndClosesTheFileWhenTheServerStops() throws Exception {
    Environment environment = new Environment("file-test");
    FileStorageFactory factory = new FileStorageFactory();
    factory.setPath(directory.resolve("data/readings.log").toString());

    FileReadingStore store = (FileReadingStore) factory.build(environment);

    List<LifeCycle> lifecycle = environment.lifecycle().getManagedObjects();
    for (LifeCycle managed : lifecycle) {
      managed.start();
    }
    assertThat(environment.healthChecks().runHealthCheck("file").isHealthy()).isTrue();
    for (LifeCycle managed : lifecycle) {
      managed.stop();
    }
    assertThat(store.isOpen()).isFalse();
    assertThat(environment.healthChecks().runHealthCheck("file").isHealthy()).isFalse();
  }

  @Test
  void aFileThatCannotBeUsedStopsStartUpAndIsNamed() {
    FileStorageFactory factory = new FileStorageFactory();
    factory.setPath(directory.toString()); // a directory, not a file

    assertThatThrownBy(() -> factory.build(new Environment("file-test")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("cannot use the readings file " + directory);
  }

  @Test
  void acknowledgedReadingsAreThereAfterAReopen() throws Exception {
    Path file = directory.resolve("readings.log");
    try (FileReadingStore store = FileReadingStore.open(file)) {
      store.append(List.of(reading(20.0, T0), reading(22.0, T0.plusSeconds(1))));
    }

    try (FileReadingStore store = FileReadingStore.open(file)) {
      assertThat(aggregate(store)).isEqualTo(new Aggregate(2, 42.0, 20.0, 22.0));
    }
  }

  @Test
  void aWriteACrashCutShortIsDroppedAndTheNextWriteFollowsTheLastWholeOne() throws Exception {
    Path file = directory.resolve("readings.log");
    try (FileReadingStore store = FileReadingStore.open(file)) {
      store.append(List.of(reading(20.0, T0)));
    }
    Files.writeString(
        file, "main,kitchen,17336", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    try (FileReadingStore store = FileReadingStore.open(file)) {
      assertThat(aggregate(store)).isEqualTo(new Aggregate(1, 20.0, 20.0, 20.0));
      store.append(List.of(reading(24.0, T0.plusSeconds(1))));
    }
    try (FileReadingStore store = FileReadingStore.open(file)) {
      assertThat(aggregate(store)).isEqualTo(new Aggregate(2, 44.0, 20.0, 24.0));
    }
  }

  private static Aggregate aggregate(ReadingStore store) {
    return store.aggregate(MAIN, KITCHEN, AROUND_T0);
  }

  private static Reading reading(double celsius, Instant at) {
    return new Reading(MAIN, KITCHEN, Temperature.celsius(celsius), at);
  }
}
