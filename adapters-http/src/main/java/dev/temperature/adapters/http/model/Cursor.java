package dev.temperature.adapters.http.model;

import dev.temperature.adapters.http.problem.InvalidParameterException;
import dev.temperature.domain.InvalidValueException;
import dev.temperature.domain.RoomId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The opaque {@code cursor} of a paged answer: where the next page starts. Clients pass it back as
 * they got it; its content (the time of the last reading shown, the last room shown) may change
 * between releases. Each kind has its own prefix, so a listing's cursor is refused by the overview
 * and the other way round.
 */
public final class Cursor {
  private static final String READING = "v1:";
  private static final String ROOM = "room1:";

  private Cursor() {}

  /** The cursor of a reading listing: the next page holds the readings before {@code before}. */
  public static String encode(Instant before) {
    return encode(READING, Long.toString(before.toEpochMilli()));
  }

  public static Instant decode(String cursor) {
    try {
      return Instant.ofEpochMilli(Long.parseLong(decode(READING, cursor)));
    } catch (NumberFormatException e) {
      throw refused();
    }
  }

  /** The cursor of a building overview: the next page holds the rooms after {@code after}. */
  public static String encodeRoom(RoomId after) {
    return encode(ROOM, after.value());
  }

  public static RoomId decodeRoom(String cursor) {
    String room = decode(ROOM, cursor);
    try {
      return new RoomId(room);
    } catch (InvalidValueException e) {
      throw refused();
    }
  }

  private static String encode(String kind, String position) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((kind + position).getBytes(StandardCharsets.US_ASCII));
  }

  private static String decode(String kind, String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
      if (!text.startsWith(kind)) {
        throw new IllegalArgumentException("another kind of cursor");
      }
      return text.substring(kind.length());
    } catch (IllegalArgumentException e) {
      throw refused();
    }
  }

  private static InvalidParameterException refused() {
    return new InvalidParameterException(
        "cursor is not one this API handed out; use the next link of the previous page");
  }
}
