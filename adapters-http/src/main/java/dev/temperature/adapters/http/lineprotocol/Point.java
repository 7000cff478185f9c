package dev.temperature.adapters.http.lineprotocol;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A point as written: measurement, tags and fields in the order of the line (field keys may repeat;
 * tag keys may not), and the timestamp in nanoseconds since the epoch if the line had one.
 */
public record Point(
    long number,
    String measurement,
    List<Tag> tags,
    List<Field> fields,
    OptionalLong nanosecondsSinceEpoch)
    implements Line {

  public Point {
    Objects.requireNonNull(measurement, "measurement");
    tags = List.copyOf(tags);
    fields = List.copyOf(fields);
    Objects.requireNonNull(nanosecondsSinceEpoch, "nanosecondsSinceEpoch");
  }

  /** The value of tag {@code key}, or null. */
  public String tag(String key) {
    for (Tag tag : tags) {
      if (tag.key().equals(key)) {
        return tag.value();
      }
    }
    return null;
  }

  /** The value of the first field named {@code key}, or null. */
  public FieldValue field(String key) {
    for (Field field : fields) {
      if (field.key().equals(key)) {
        return field.value();
      }
    }
    return null;
  }

  /** A tag: key and value, unescaped. */
  public record Tag(String key, String value) {
    public Tag {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }
  }

  /** A field: key, unescaped, and its typed value. */
  public record Field(String key, FieldValue value) {
    public Field {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }
  }
}
