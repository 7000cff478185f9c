package dev.temperature.domain.alerting;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An annotation's text with placeholders in the spelling of Prometheus rule templates, so that an
 * operator's habits carry over: {@code {{ $value }}}, {@code {{ $labels.room }}} (any label of the
 * alert) and {@code {{ $roomURL }}}, the room's page on the dashboard. Anything else between {@code
 * {{ }}} is refused when the rule is read, not when the alert fires.
 */
public record AnnotationTemplate(String text) {
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\{\\{\\s*\\$(value|roomURL|labels\\.([A-Za-z_][A-Za-z0-9_]*))\\s*}}");
  private static final Pattern ANY_BRACES = Pattern.compile("\\{\\{.*?}}");

  public AnnotationTemplate {
    Objects.requireNonNull(text, "text");
  }

  /** Refuses a placeholder this template language does not have, or a label the alert lacks. */
  public void requireValid(String field, Set<String> labelNames) {
    Matcher any = ANY_BRACES.matcher(text);
    while (any.find()) {
      Matcher placeholder = PLACEHOLDER.matcher(any.group());
      if (!placeholder.matches()) {
        throw new InvalidAlertRuleException(
            field,
            "unknown placeholder "
                + any.group()
                + "; use {{ $value }}, {{ $roomURL }} or {{ $labels.<name> }}");
      }
      String label = placeholder.group(2);
      if (label != null && !labelNames.contains(label)) {
        throw new InvalidAlertRuleException(
            field,
            "placeholder "
                + any.group()
                + " names a label the alert does not have; it has "
                + String.join(", ", labelNames.stream().sorted().toList()));
      }
    }
    if (text.replace(" ", "").contains("{{") && !ANY_BRACES.matcher(text).find()) {
      throw new InvalidAlertRuleException(field, "'{{' without a closing '}}'");
    }
  }

  public String render(String value, Map<String, String> labels, String roomUrl) {
    Matcher placeholder = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (placeholder.find()) {
      String replacement =
          switch (placeholder.group(1)) {
            case "value" -> value;
            case "roomURL" -> roomUrl;
            default -> labels.getOrDefault(placeholder.group(2), "");
          };
      placeholder.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    placeholder.appendTail(out);
    return out.toString();
  }
}
