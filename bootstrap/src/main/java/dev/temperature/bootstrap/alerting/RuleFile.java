package dev.temperature.bootstrap.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.temperature.application.port.out.AlertRuleSource;
import dev.temperature.application.port.out.InvalidAlertRulesException;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.InvalidValueException;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.alerting.AlertName;
import dev.temperature.domain.alerting.AlertRule;
import dev.temperature.domain.alerting.AlertRules;
import dev.temperature.domain.alerting.AnnotationTemplate;
import dev.temperature.domain.alerting.Condition;
import dev.temperature.domain.alerting.InvalidAlertRuleException;
import dev.temperature.domain.alerting.RoomSelector;
import dev.temperature.domain.alerting.Statistic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rules file in the shape of a Prometheus rule file ({@code groups}, each with a {@code name} and
 * {@code rules}; each rule an {@code alert} with {@code for}, {@code labels} and {@code
 * annotations}), where a {@code threshold} or a {@code silence} block takes the place of PromQL's
 * {@code expr}. See docs/alerting.md. Read anew on every {@link #load()}; every error names the
 * file, the rule and the field.
 */
public final class RuleFile implements AlertRuleSource {
  private static final YAMLMapper YAML = new YAMLMapper();

  /** Prometheus' duration syntax: 90s, 5m, 1h30m, 0. */
  private static final Pattern DURATION = Pattern.compile("((\\d+)(ms|s|m|h|d|w))+|0");

  private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

  private static final Set<String> GROUP_FIELDS = Set.of("name", "rules");
  private static final Set<String> RULE_FIELDS =
      Set.of("alert", "threshold", "silence", "for", "labels", "annotations");
  private static final Set<String> THRESHOLD_FIELDS =
      Set.of("building", "room", "rooms", "aggregate", "window", "above", "below", "clear");
  private static final Set<String> SILENCE_FIELDS = Set.of("building", "room", "rooms", "after");

  private final Path path;

  public RuleFile(Path path) {
    this.path = path;
  }

  @Override
  public String describe() {
    return path.toString();
  }

  @Override
  public AlertRules load() {
    JsonNode root;
    try {
      root = YAML.readTree(Files.readString(path));
    } catch (NoSuchFileException e) {
      throw new InvalidAlertRulesException(path + ": no such file", e);
    } catch (JsonProcessingException e) {
      throw new InvalidAlertRulesException(
          path + ": not valid YAML: " + e.getOriginalMessage() + location(e), e);
    } catch (IOException e) {
      throw new InvalidAlertRulesException(path + ": cannot be read: " + e.getMessage(), e);
    }
    List<String> errors = new ArrayList<>();
    List<AlertRule> rules = new ArrayList<>();
    if (root == null || root.isMissingNode() || root.isNull()) {
      errors.add(path + ": the file is empty; write 'groups: []' for no rules");
    } else if (!root.isObject() || !root.path("groups").isArray()) {
      errors.add(path + ": the file must hold 'groups:', a list of rule groups");
    } else {
      unknownFields(root, Set.of("groups"), path + ":", errors);
      Set<String> groupNames = new HashSet<>();
      Set<String> alertNames = new HashSet<>();
      int index = 0;
      for (JsonNode group : root.path("groups")) {
        index++;
        readGroup(group, index, groupNames, alertNames, rules, errors);
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidAlertRulesException(String.join("\n", errors), null);
    }
    return new AlertRules(rules);
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " (line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr()
            + ")";
  }

  private void readGroup(
      JsonNode group,
      int index,
      Set<String> groupNames,
      Set<String> alertNames,
      List<AlertRule> rules,
      List<String> errors) {
    String name = group.path("name").isTextual() ? group.path("name").asText() : null;
    String where = path + ": group " + (name == null ? "#" + index : "'" + name + "'");
    if (!group.isObject()) {
      errors.add(where + ": a group is a mapping with 'name' and 'rules'");
      return;
    }
    if (name == null || name.isBlank()) {
      errors.add(where + ": field 'name': every group needs a name");
    } else if (!groupNames.add(name)) {
      errors.add(where + ": field 'name': another group has the same name");
    }
    unknownFields(group, GROUP_FIELDS, where + ":", errors);
    if (!group.path("rules").isArray()) {
      errors.add(where + ": field 'rules': a list of rules is required");
      return;
    }
    int position = 0;
    for (JsonNode rule : group.path("rules")) {
      position++;
      String alert = rule.path("alert").isTextual() ? rule.path("alert").asText() : null;
      String at = where + ", rule " + (alert == null ? "#" + position : "'" + alert + "'") + ": ";
      try {
        // Counted before the rule is read, so that a name given twice is found even when the
        // first of them is invalid for another reason.
        if (alert != null && !alertNames.add(alert)) {
          throw new InvalidAlertRuleException(
              "alert", "another rule has the same name; each rule needs a name of its own");
        }
        rules.add(readRule(rule));
      } catch (InvalidAlertRuleException e) {
        errors.add(at + "field '" + e.field() + "': " + e.getMessage());
      } catch (FieldError e) {
        errors.add(at + "field '" + e.field + "': " + e.getMessage());
      }
    }
  }

  /** A field the domain does not check itself: its type, or a rule of the file format. */
  private static final class FieldError extends RuntimeException {
    private final String field;

    FieldError(String field, String message) {
      super(message);
      this.field = field;
    }
  }

  private static AlertRule readRule(JsonNode rule) {
    if (!rule.isObject()) {
      throw new FieldError(
          "alert", "a rule is a mapping with 'alert' and 'threshold' or 'silence'");
    }
    unknownFields(rule, RULE_FIELDS, "");
    AlertName name = new AlertName(text(rule, "alert", "alert"));
    boolean threshold = rule.has("threshold");
    if (threshold == rule.has("silence")) {
      throw new FieldError(
          threshold ? "silence" : "threshold",
          "a rule has exactly one of 'threshold' or 'silence'");
    }
    JsonNode body = rule.path(threshold ? "threshold" : "silence");
    String prefix = threshold ? "threshold." : "silence.";
    if (!body.isObject()) {
      throw new FieldError(prefix.substring(0, prefix.length() - 1), "must be a mapping");
    }
    unknownFields(body, threshold ? THRESHOLD_FIELDS : SILENCE_FIELDS, prefix);
    RoomSelector rooms = selector(body, prefix);
    Condition condition = threshold ? threshold(body) : silence(body);
    Duration pendingFor = rule.has("for") ? duration(rule.path("for"), "for", true) : Duration.ZERO;
    return new AlertRule(
        name,
        rooms,
        condition,
        pendingFor,
        strings(rule, "labels"),
        templates(strings(rule, "annotations")));
  }

  private static RoomSelector selector(JsonNode body, String prefix) {
    Optional<BuildingId> building =
        body.has("building")
            ? Optional.of(
                id(
                    prefix + "building",
                    () -> new BuildingId(text(body, "building", prefix + "building"))))
            : Optional.empty();
    if (body.has("room") && body.has("rooms")) {
      throw new FieldError(
          prefix + "rooms", "give 'room' (one room) or 'rooms' (a pattern), not both");
    }
    if (body.has("room")) {
      if (building.isEmpty()) {
        throw new FieldError(prefix + "room", "a room is named within a building: add 'building'");
      }
      RoomId room = id(prefix + "room", () -> new RoomId(text(body, "room", prefix + "room")));
      return RoomSelector.room(building.get(), room);
    }
    if (body.has("rooms")) {
      try {
        return RoomSelector.matching(building, text(body, "rooms", prefix + "rooms"));
      } catch (InvalidAlertRuleException e) {
        throw new FieldError(prefix + "rooms", e.getMessage());
      }
    }
    return building.map(RoomSelector::building).orElseGet(RoomSelector::everyRoom);
  }

  private interface IdMaker<T> {
    T make();
  }

  private static <T> T id(String field, IdMaker<T> maker) {
    try {
      return maker.make();
    } catch (InvalidValueException e) {
      throw new FieldError(field, e.getMessage());
    }
  }

  private static Condition threshold(JsonNode body) {
    Statistic statistic =
        body.has("aggregate")
            ? Statistic.parse(text(body, "aggregate", "threshold.aggregate"))
            : Statistic.AVERAGE;
    if (!body.has("window")) {
      throw new FieldError("threshold.window", "a threshold needs a window (window: 10m)");
    }
    Duration window = duration(body.path("window"), "threshold.window", false);
    if (body.has("above") == body.has("below")) {
      throw new FieldError("threshold.above", "a threshold has exactly one of 'above' or 'below'");
    }
    Condition.Direction direction =
        body.has("above") ? Condition.Direction.ABOVE : Condition.Direction.BELOW;
    String side = direction == Condition.Direction.ABOVE ? "above" : "below";
    double value = number(body, side, "threshold." + side);
    double clear = body.has("clear") ? number(body, "clear", "threshold.clear") : value;
    return new Condition.Threshold(statistic, window, direction, value, clear);
  }

  private static Condition silence(JsonNode body) {
    if (!body.has("after")) {
      throw new FieldError("silence.after", "a silence needs 'after', how long without a reading");
    }
    return new Condition.Silence(duration(body.path("after"), "silence.after", false));
  }

  private static void unknownFields(JsonNode node, Set<String> known, String prefix) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new FieldError(
            prefix + name,
            "unknown field; expected one of "
                + String.join(", ", known.stream().sorted().toList()));
      }
    }
  }

  private static void unknownFields(
      JsonNode node, Set<String> known, String where, List<String> errors) {
    try {
      unknownFields(node, known, "");
    } catch (FieldError e) {
      errors.add(where + " field '" + e.field + "': " + e.getMessage());
    }
  }

  private static String text(JsonNode node, String name, String field) {
    JsonNode value = node.path(name);
    if (!value.isValueNode() || value.isNull() || value.asText().isBlank()) {
      throw new FieldError(field, "must be a non-empty text");
    }
    return value.asText();
  }

  private static double number(JsonNode node, String name, String field) {
    JsonNode value = node.path(name);
    if (!value.isNumber()) {
      throw new FieldError(field, "must be a number (degrees Celsius), got " + value);
    }
    return value.asDouble();
  }

  static Duration duration(JsonNode node, String field, boolean zeroAllowed) {
    String text = node.isValueNode() ? node.asText().strip() : "";
    if (!DURATION.matcher(text).matches()) {
      throw new FieldError(
          field,
          "'"
              + text
              + "' is not a duration; write it as Prometheus does: a number and a unit ms, s, m, h,"
              + " d or w, one or more (90s, 5m, 1h30m)");
    }
    Duration total = Duration.ZERO;
    Matcher part = DURATION_PART.matcher(text);
    try {
      while (part.find()) {
        long amount = Long.parseLong(part.group(1));
        total =
            total.plus(
                switch (part.group(2)) {
                  case "ms" -> Duration.ofMillis(amount);
                  case "s" -> Duration.ofSeconds(amount);
                  case "m" -> Duration.ofMinutes(amount);
                  case "h" -> Duration.ofHours(amount);
                  case "d" -> Duration.ofDays(amount);
                  default -> Duration.ofDays(7 * amount);
                });
      }
    } catch (ArithmeticException | NumberFormatException e) {
      throw new FieldError(field, "'" + text + "' is too long");
    }
    if (total.isZero() && !zeroAllowed) {
      throw new FieldError(field, "must be longer than 0");
    }
    return total;
  }

  private static Map<String, String> strings(JsonNode rule, String name) {
    if (!rule.has(name)) {
      return Map.of();
    }
    JsonNode node = rule.path(name);
    if (!node.isObject()) {
      throw new FieldError(name, "must be a mapping of names to texts");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (var fields = node.fields(); fields.hasNext(); ) {
      var field = fields.next();
      if (!field.getValue().isValueNode() || field.getValue().isNull()) {
        throw new FieldError(name + "." + field.getKey(), "must be a text");
      }
      values.put(field.getKey(), field.getValue().asText());
    }
    return values;
  }

  private static Map<String, AnnotationTemplate> templates(Map<String, String> texts) {
    Map<String, AnnotationTemplate> templates = new LinkedHashMap<>();
    texts.forEach((name, text) -> templates.put(name, new AnnotationTemplate(text)));
    return templates;
  }
}
