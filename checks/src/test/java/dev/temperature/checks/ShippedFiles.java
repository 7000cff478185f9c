package dev.temperature.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The repository's own files as the tests read them: configurations, docs, the Dockerfile. */
public final class ShippedFiles {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-[^}]*)?}");

  private ShippedFiles() {}

  public static JsonNode yaml(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  public static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every scalar of a tree, as text. */
  public static List<String> values(JsonNode node) {
    List<String> values = new ArrayList<>();
    collectValues(node, values);
    return values;
  }

  /**
   * The environment variables a configuration file reads, in its values only (a comment may show
   * the syntax without reading anything), each with whether the file gives it a default.
   */
  public static Map<String, Boolean> variablesRead(Path configFile) {
    Map<String, Boolean> variables = new LinkedHashMap<>();
    for (String value : values(yaml(configFile))) {
      Matcher variable = VARIABLE.matcher(value);
      while (variable.find()) {
        variables.merge(variable.group(1), variable.group(2) != null, Boolean::logicalAnd);
      }
    }
    return variables;
  }

  private static void collectValues(JsonNode node, List<String> values) {
    if (node.isContainerNode()) {
      node.forEach(child -> collectValues(child, values));
    } else {
      values.add(node.asText());
    }
  }
}
