package dev.temperature.adapters.http.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The value of an {@code If-Match} or {@code If-None-Match} header: {@code *}, or a list of entity
 * tags such as {@code "x3sB", W/"abc"} (RFC 9110, sections 8.8.3 and 13.1). Parsed here rather than
 * by Jersey, whose parser throws on a value that is not a list of tags and so turned a client's
 * mistake into a 500.
 *
 * <p>A header that is empty or not of that form is treated as absent: for a GET, ignoring a
 * condition the client could not state only costs it a full answer, never a wrong one.
 */
final class EntityTags {
  private record Tag(boolean weak, String opaque) {}

  private final boolean any;
  private final List<Tag> tags;

  private EntityTags(boolean any, List<Tag> tags) {
    this.any = any;
    this.tags = tags;
  }

  /**
   * The tags of every line of the header, or empty when it is absent, empty or malformed.
   *
   * @param lines the header's lines as received, null when there is none
   */
  static Optional<EntityTags> parse(List<String> lines) {
    if (lines == null || lines.isEmpty()) {
      return Optional.empty();
    }
    String value = String.join(",", lines).strip();
    if (value.equals("*")) {
      return Optional.of(new EntityTags(true, List.of()));
    }
    List<Tag> tags = new ArrayList<>();
    int at = 0;
    while (true) {
      at = skip(value, at, true);
      if (at == value.length()) {
        break;
      }
      boolean weak = value.startsWith("W/", at);
      if (weak) {
        at += 2;
      }
      if (at == value.length() || value.charAt(at) != '"') {
        return Optional.empty();
      }
      int start = ++at;
      while (at < value.length() && value.charAt(at) != '"') {
        if (!isTagCharacter(value.charAt(at))) {
          return Optional.empty();
        }
        at++;
      }
      if (at == value.length()) {
        return Optional.empty();
      }
      tags.add(new Tag(weak, value.substring(start, at)));
      at = skip(value, at + 1, false);
      if (at < value.length() && value.charAt(at) != ',') {
        return Optional.empty();
      }
    }
    return tags.isEmpty() ? Optional.empty() : Optional.of(new EntityTags(false, tags));
  }

  /**
   * If-Match: {@code *}, or one of the tags is the current one by strong comparison (a weak tag
   * never matches).
   */
  boolean matchStrongly(String current) {
    return any || tags.stream().anyMatch(tag -> !tag.weak() && tag.opaque().equals(current));
  }

  /** If-None-Match: {@code *}, or one of the tags is the current one, weak or not. */
  boolean matchWeakly(String current) {
    return any || tags.stream().anyMatch(tag -> tag.opaque().equals(current));
  }

  /** Skips spaces and tabs, and commas too when {@code commas}: a list may have empty elements. */
  private static int skip(String value, int at, boolean commas) {
    while (at < value.length()) {
      char c = value.charAt(at);
      if (c != ' ' && c != '\t' && !(commas && c == ',')) {
        break;
      }
      at++;
    }
    return at;
  }

  /** etagc: %x21 / %x23-7E / obs-text (%x80-FF). */
  private static boolean isTagCharacter(char c) {
    return c == 0x21 || (c >= 0x23 && c <= 0x7E) || (c >= 0x80 && c <= 0xFF);
  }
}
