package dev.temperature.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.temperature.testing.RequiredServices.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.commons.support.AnnotationSupport;

class RequiredServicesTest {
  private static final Map<String, String> POSTGRES_SET =
      Map.of(
          "POSTGRES_URL", "jdbc:postgresql://localhost:55432/temperature",
          "POSTGRES_USER", "temperature_api",
          "POSTGRES_PASSWORD", "secret",
          "POSTGRES_MIGRATIONS_USER", "temperature",
          "POSTGRES_MIGRATIONS_PASSWORD", "secret2",
          "POSTGRES_SUPERUSER", "postgres",
          "POSTGRES_SUPERUSER_PASSWORD", "secret3");

  @TempDir Path root;

  @Test
  void aTestWhoseServicesAreAllThereRuns() {
    Verdict verdict =
        RequiredServices.verdict(EnumSet.of(Service.POSTGRES), service -> Optional.empty(), true);

    assertThat(verdict.run()).isTrue();
    assertThat(verdict.fail()).isFalse();
  }

  @Test
  void onAWorkstationAMissingServiceSkipsTheTestAndSaysHowToStartIt() {
    Verdict verdict =
        RequiredServices.verdict(
            EnumSet.of(Service.POSTGRES), service -> service.missing(name -> null, root), false);

    assertThat(verdict.run()).isFalse();
    assertThat(verdict.fail()).isFalse();
    assertThat(verdict.reason())
        .startsWith("Skipped")
        .contains("POSTGRES_URL, POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_MIGRATIONS_USER")
        .contains("`make services`");
  }

  @Test
  void inCiAMissingServiceFailsTheTest() {
    Verdict verdict =
        RequiredServices.verdict(
            EnumSet.of(Service.INFLUXDB), service -> Optional.of("INFLUX_URL is not set"), true);

    assertThat(verdict.run()).isFalse();
    assertThat(verdict.fail()).isTrue();
    assertThat(verdict.reason()).startsWith("CI=true").contains("the test InfluxDB");
  }

  @Test
  void everyMissingServiceIsNamedNotOnlyTheFirst() {
    Verdict verdict =
        RequiredServices.verdict(
            EnumSet.of(Service.POSTGRES, Service.CHROMIUM),
            service -> Optional.of(service + " absent"),
            false);

    assertThat(verdict.reason()).contains("POSTGRES absent").contains("CHROMIUM absent");
  }

  @Test
  void aServerIsThereWhenEachOfItsVariablesIsSet() {
    assertThat(Service.POSTGRES.missing(POSTGRES_SET::get, root)).isEmpty();
    assertThat(
            Service.POSTGRES.missing(
                name -> name.equals("POSTGRES_PASSWORD") ? " " : POSTGRES_SET.get(name), root))
        .hasValue("POSTGRES_PASSWORD is not set");
    assertThat(Service.POSTGRES_REPLICA.missing(POSTGRES_SET::get, root))
        .hasValue("POSTGRES_REPLICA_URL is not set");
  }

  @Test
  void theServicesFilesAreThereOnceServicesShHasWrittenThem() throws IOException {
    assertThat(Service.SERVICES_FILES.missing(name -> null, root))
        .hasValue("there is no .services.env");

    Files.writeString(root.resolve(".services.env"), "POSTGRES_URL=...\n");

    assertThat(Service.SERVICES_FILES.missing(name -> null, root)).isEmpty();
  }

  @Test
  void aServiceVariableCannotBeReadForAnotherService() {
    assertThatThrownBy(() -> Service.INFLUXDB.variable("POSTGRES_URL"))
        .hasMessageContaining("not a variable of INFLUXDB");
  }

  @Test
  void aTestThatNeedsAServiceIsTaggedForTheIntegrationTestPhase() {
    Set<String> tags =
        AnnotationSupport.findRepeatableAnnotations(NeedsInflux.class, Tag.class).stream()
            .map(Tag::value)
            .collect(Collectors.toSet());

    assertThat(tags).containsExactly("integration");
    assertThat(RequiresService.TAG).isEqualTo("integration");
  }

  @RequiresService(Service.INFLUXDB)
  static class NeedsInflux {}
}
