package dev.temperature.domain.alerting;

import dev.temperature.domain.BuildingId;
import dev.temperature.domain.RoomId;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A rule as an operator writes it: which rooms, what condition, how long it must hold before the
 * alert fires ({@code pendingFor}, Prometheus' {@code for}), and the labels and annotations its
 * alerts carry. Every alert of the rule is labelled {@code alertname}, {@code building} and {@code
 * room} besides the rule's own labels; without a {@code summary} or {@code dashboard} annotation
 * the rule gets one that names the value, the room and its page on the dashboard.
 */
public record AlertRule(
    AlertName name,
    RoomSelector rooms,
    Condition condition,
    Duration pendingFor,
    Map<String, String> labels,
    Map<String, AnnotationTemplate> annotations) {
  public static final String ALERTNAME = "alertname";
  public static final String BUILDING = "building";
  public static final String ROOM = "room";
  public static final String SUMMARY = "summary";
  public static final String DASHBOARD = "dashboard";

  /** Prometheus' label names, less the {@code __} prefix it keeps for itself. */
  private static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private static final Set<String> RESERVED = Set.of(ALERTNAME, BUILDING, ROOM);

  public AlertRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(rooms, "rooms");
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(pendingFor, "pendingFor");
    if (pendingFor.isNegative()) {
      throw new InvalidAlertRuleException("for", "for must not be negative");
    }
    if (pendingFor.getNano() % 1_000_000 != 0) {
      throw new InvalidAlertRuleException("for", "for must be a whole number of milliseconds");
    }
    labels = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(labels, "labels")));
    labels.forEach(
        (label, value) -> {
          requireName("labels." + label, label, "label");
          if (RESERVED.contains(label)) {
            throw new InvalidAlertRuleException(
                "labels." + label,
                "label '" + label + "' is set by the service for every alert; use another name");
          }
          if (value == null || value.isEmpty()) {
            throw new InvalidAlertRuleException(
                "labels." + label,
                "a label needs a value (Alertmanager drops a label whose value is empty)");
          }
        });
    Set<String> labelNames = new TreeSet<>(labels.keySet());
    labelNames.addAll(RESERVED);
    Map<String, AnnotationTemplate> all =
        new TreeMap<>(Objects.requireNonNull(annotations, "annotations"));
    all.forEach(
        (annotation, template) -> {
          requireName("annotations." + annotation, annotation, "annotation");
          Objects.requireNonNull(template, "annotations." + annotation)
              .requireValid("annotations." + annotation, labelNames);
        });
    all.putIfAbsent(SUMMARY, defaultSummary(condition));
    all.putIfAbsent(DASHBOARD, new AnnotationTemplate("{{ $roomURL }}"));
    annotations = Collections.unmodifiableMap(all);
  }

  private static void requireName(String field, String name, String what) {
    if (name == null || !LABEL_NAME.matcher(name).matches() || name.startsWith("__")) {
      throw new InvalidAlertRuleException(
          field,
          "'"
              + name
              + "' is not a valid "
              + what
              + " name: letters, digits and '_', not starting with a digit or '__'");
    }
  }

  private static AnnotationTemplate defaultSummary(Condition condition) {
    String where = "{{ $labels.room }} in {{ $labels.building }}";
    if (condition instanceof Condition.Threshold threshold) {
      return new AnnotationTemplate(
          where
              + ": "
              + threshold.statistic().text()
              + " {{ $value }} °C over "
              + Condition.describe(threshold.window())
              + ", "
              + (threshold.direction() == Condition.Direction.ABOVE ? "above " : "below ")
              + Condition.format(threshold.threshold())
              + " °C");
    }
    Condition.Silence silence = (Condition.Silence) condition;
    return new AnnotationTemplate(
        where
            + ": no reading for {{ $value }} s (silent after "
            + Condition.describe(silence.after())
            + ")");
  }

  /** Every label an alert of this rule for the room carries. */
  public Map<String, String> labelsFor(BuildingId building, RoomId room) {
    Map<String, String> all = new TreeMap<>(labels);
    all.put(ALERTNAME, name.value());
    all.put(BUILDING, building.value());
    all.put(ROOM, room.value());
    return all;
  }

  /** The annotations of an alert of this rule for the room, with its value. */
  public Map<String, String> annotationsFor(Map<String, String> labels, double value, String url) {
    String text = Condition.format(value);
    Map<String, String> rendered = new TreeMap<>();
    annotations.forEach((name, template) -> rendered.put(name, template.render(text, labels, url)));
    return rendered;
  }
}
