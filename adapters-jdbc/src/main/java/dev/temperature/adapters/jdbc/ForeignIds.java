package dev.temperature.adapters.jdbc;

import dev.temperature.domain.InvalidValueException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ids read back from the table that this API would never have written: another tool (a migration, a
 * script, a hand-typed INSERT) stored a building or room id the domain refuses. Such a row cannot
 * be asked about, so it is left out of listings, as the InfluxDB store leaves out such tags, rather
 * than turning the whole listing into a 400 for a value the caller never sent. Each distinct id is
 * logged once, so that the operator can find and fix the row without a warning per request.
 */
final class ForeignIds {
  private static final Logger LOG = LoggerFactory.getLogger(ForeignIds.class);

  /** How many distinct ids are remembered as logged; past it, further ones are logged at DEBUG. */
  private static final int REMEMBERED = 1_000;

  private static final int SHOWN = 80;

  private final Set<String> logged = ConcurrentHashMap.newKeySet();

  /** The id, or empty (and a warning the first time) when the domain refuses {@code stored}. */
  <T> Optional<T> parse(String kind, String stored, Function<String, T> id) {
    try {
      return Optional.of(id.apply(stored));
    } catch (InvalidValueException e) {
      String key = kind + '\0' + stored;
      if (logged.size() < REMEMBERED && logged.add(key)) {
        LOG.warn(
            "Left out {} id {} of a row another tool stored: {}. Change or delete the row to list"
                + " it again.",
            kind,
            printable(stored),
            e.getMessage());
      } else if (!logged.contains(key)) {
        LOG.debug("Left out {} id {} of a row another tool stored", kind, printable(stored));
      }
      return Optional.empty();
    }
  }

  /**
   * The stored text quoted, with every character outside printable ASCII written as its code and
   * cut after {@value #SHOWN} characters: a stored value cannot forge log lines or fill the log.
   */
  static String printable(String stored) {
    StringBuilder shown = new StringBuilder("\"");
    for (int i = 0; i < stored.length() && i < SHOWN; i++) {
      char c = stored.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
        shown.append(c);
      } else {
        shown.append(String.format("\\u%04x", (int) c));
      }
    }
    shown.append('"');
    if (stored.length() > SHOWN) {
      shown.append(" (").append(stored.length()).append(" characters)");
    }
    return shown.toString();
  }
}
