package dev.temperature.adapters.http.model;

import dev.temperature.adapters.http.problem.InvalidParameterException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The opaque {@code cursor} of a reading listing: where the next page starts. Clients pass it back
 * as they got it; its content (the time of the last reading shown) may change between releases.
 */
public final class Cursor {
  private static final String VERSION = "v1:";

  private Cursor() {}

  public static String encode(Instant before) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((VERSION + before.toEpochMilli()).getBytes(StandardCharsets.US_ASCII));
  }

  public static Instant decode(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
      if (!text.startsWith(VERSION)) {
        throw new IllegalArgumentException("unknown cursor version");
      }
      return Instant.ofEpochMilli(Long.parseLong(text.substring(VERSION.length())));
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException(
          "cursor is not one this API handed out; use the next link of the previous page");
    }
  }
}
