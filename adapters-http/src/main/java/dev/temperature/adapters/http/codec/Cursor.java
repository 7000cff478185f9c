package dev.temperature.adapters.http.codec;

import dev.temperature.adapters.http.problem.InvalidParameterException;
import dev.temperature.domain.RoomId;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code cursor} of a paged answer: where the next page starts. Clients pass it back as they
 * got it; its content may change between releases. Each kind has its own prefix, so a listing's
 * cursor is refused by the overview and the other way round.
 *
 * <p>Every text that matches a kind's pattern is a cursor of that kind, which the API document
 * states: a listing's is {@code t.} and the time of the last reading shown in milliseconds since
 * 1970 ({@code t.1733849100000}), an overview's is {@code r.} and the last room shown ({@code
 * r.kitchen}). A cursor made by hand is no risk: it only says where a page starts.
 */
public final class Cursor {
  /** The cursors of a reading listing, as the API document states them. */
  public static final String READING_PATTERN = "^t\\.(-?[0-9]{1,15})$";

  /** The cursors of a building overview: the prefix and a room id. */
  public static final String ROOM_PATTERN = "^r\\.([A-Za-z0-9][A-Za-z0-9._-]{0,63})$";

  private static final Pattern READING = Pattern.compile(READING_PATTERN);
  private static final Pattern ROOM = Pattern.compile(ROOM_PATTERN);

  private Cursor() {}

  /** The cursor of a reading listing: the next page holds the readings before {@code before}. */
  public static String encode(Instant before) {
    return "t." + before.toEpochMilli();
  }

  public static Instant decode(String cursor) {
    // Fifteen digits of milliseconds are 31,000 years: any of them is an Instant.
    return Instant.ofEpochMilli(Long.parseLong(match(READING, cursor)));
  }

  /** The cursor of a building overview: the next page holds the rooms after {@code after}. */
  public static String encodeRoom(RoomId after) {
    return "r." + after.value();
  }

  public static RoomId decodeRoom(String cursor) {
    return new RoomId(match(ROOM, cursor));
  }

  private static String match(Pattern kind, String cursor) {
    Matcher matcher = kind.matcher(cursor);
    if (!matcher.matches()) {
      throw new InvalidParameterException(
          "cursor is not one this API hands out; use the next link of the previous page");
    }
    return matcher.group(1);
  }
}
