package dev.temperature.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.temperature.testing.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * scripts/versions.env is the one file of versions: the images that Compose, Kubernetes and the
 * Dockerfile name and the docs that name them must say the same, or the tests would check one
 * version while users run another. (CI reads the file itself.)
 */
class PinnedVersionsTest {
  private static final Path ROOT = Repository.root();

  /** A pin as the files write it, and the version scripts/versions.env says it must be. */
  private record Pin(Pattern pattern, Function<Map<String, String>, List<String>> allowed) {
    static Pin of(String regex, Function<Map<String, String>, List<String>> allowed) {
      return new Pin(Pattern.compile(regex), allowed);
    }
  }

  private static final List<Pin> PINS =
      List.of(
          Pin.of(
              "timescale/timescaledb:([\\w.-]+)",
              v -> List.of(v.get("TIMESCALEDB_VERSION") + "-pg" + v.get("TIMESCALEDB_PG_MAJOR"))),
          // The Compose stack names the minor release (the stand-ins are tagged so), Kubernetes
          // the patch release.
          Pin.of(
              "(?<![\\w/])influxdb:(\\d+\\.[\\w.]+)",
              v -> {
                String full = v.get("INFLUXD_VERSION").replaceFirst("^v", "");
                return List.of(full, full.substring(0, full.lastIndexOf('.')));
              }),
          Pin.of("prom/alertmanager:(v[\\w.]+)", v -> List.of(v.get("ALERTMANAGER_VERSION"))),
          // The Dockerfile's JRE_IMAGE and JDK_IMAGE defaults, which cannot read the file.
          Pin.of("eclipse-temurin:(\\w+)-j(?:re|dk)", v -> List.of(v.get("TEMURIN_VERSION"))));

  @Test
  void composeKubernetesDockerfileAndDocsPinTheVersionsOfScriptsVersionsEnv() throws IOException {
    Map<String, String> versions = versions();
    List<String> drifts = new ArrayList<>();
    Map<Pattern, Integer> found = new LinkedHashMap<>();
    for (Path file : pinningFiles()) {
      String text = Files.readString(file);
      for (Pin pin : PINS) {
        Matcher matcher = pin.pattern().matcher(text);
        while (matcher.find()) {
          found.merge(pin.pattern(), 1, Integer::sum);
          List<String> allowed = pin.allowed().apply(versions);
          if (!allowed.contains(matcher.group(1))) {
            drifts.add(ROOT.relativize(file) + ": " + matcher.group() + ", not " + allowed);
          }
        }
      }
    }

    assertThat(found.keySet())
        .as("every pin is found somewhere (else this test checks nothing)")
        .containsExactlyInAnyOrderElementsOf(PINS.stream().map(Pin::pattern).toList());
    assertThat(drifts).as("versions that differ from scripts/versions.env").isEmpty();
  }

  private static Map<String, String> versions() throws IOException {
    Map<String, String> versions = new LinkedHashMap<>();
    for (String line : Files.readAllLines(ROOT.resolve("scripts/versions.env"))) {
      Matcher matcher = Pattern.compile("^([A-Z][A-Z0-9_]*)=(\\S+)$").matcher(line);
      if (matcher.matches()) {
        versions.put(matcher.group(1), matcher.group(2));
      }
    }
    return versions;
  }

  private static List<Path> pinningFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String directory : List.of(".", "deploy", ".github/workflows", "docs")) {
      boolean top = directory.equals(".");
      try (Stream<Path> walk = Files.walk(ROOT.resolve(directory), top ? 1 : Integer.MAX_VALUE)) {
        walk.filter(Files::isRegularFile)
            .filter(
                file -> {
                  String name = file.getFileName().toString();
                  return top
                      ? name.startsWith("compose") && name.endsWith(".yaml")
                          || name.equals("Dockerfile")
                      : name.matches(".*\\.(ya?ml|md)$");
                })
            .forEach(files::add);
      }
    }
    return files;
  }
}
