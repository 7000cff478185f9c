package dev.temperature.adapters.http.lineprotocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.temperature.adapters.http.lineprotocol.FieldValue.BooleanValue;
import dev.temperature.adapters.http.lineprotocol.FieldValue.FloatValue;
import dev.temperature.adapters.http.lineprotocol.FieldValue.IntegerValue;
import dev.temperature.adapters.http.lineprotocol.FieldValue.StringValue;
import dev.temperature.adapters.http.lineprotocol.FieldValue.UnsignedValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every test vector of InfluxData's line-protocol corpus (resources {@code lineprotocol/corpus/},
 * MIT), as its own Go test runs them: a body read with a precision and a default time gives exactly
 * the points listed, tags sorted by key, or an error. The encode vectors are read back too: the
 * line an encoder writes for a point must give that point.
 */
class LineProtocolCorpusTest {
  private static final JsonNode CORPUS = load();

  /** The outcome of reading a body: the points, or the first malformed line. */
  private record Outcome(List<String> points, Malformed error) {}

  /**
   * One test for all the vectors rather than one per vector: it stops at the {@value
   * #MISMATCHES_SHOWN}th vector read differently, and names each, so that a change that breaks the
   * parser fails in a moment (PIT runs it against every mutant of the parser; a parameterised test
   * of 6,615 cases cost it minutes per mutant).
   */
  @Test
  void readsEachDecodeVectorAsTheReferenceParserDoes() {
    List<String> mismatches = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : entries(CORPUS.get("decode"))) {
      mismatch(entry, LineProtocolCorpusTest::decodeMismatch).ifPresent(mismatches::add);
      if (mismatches.size() == MISMATCHES_SHOWN) {
        break;
      }
    }
    assertThat(mismatches).as("decode vectors read differently").isEmpty();
  }

  @Test
  void readsTheLineOfEachEncodeVectorBackAsItsPoint() {
    List<String> mismatches = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : entries(CORPUS.get("encode"))) {
      if (entry.getValue().at("/output/result").isTextual()) {
        mismatch(entry, LineProtocolCorpusTest::encodeMismatch).ifPresent(mismatches::add);
      }
      if (mismatches.size() == MISMATCHES_SHOWN) {
        break;
      }
    }
    assertThat(mismatches).as("encode vectors read back differently").isEmpty();
  }

  private static final int MISMATCHES_SHOWN = 10;

  private interface Check {
    Optional<String> mismatch(JsonNode vector) throws IOException;
  }

  private static Optional<String> mismatch(Map.Entry<String, JsonNode> entry, Check check) {
    try {
      return check
          .mismatch(entry.getValue())
          .map(why -> entry.getKey() + " " + describe(entry.getValue()) + ": " + why);
    } catch (IOException | RuntimeException e) {
      return Optional.of(entry.getKey() + " " + describe(entry.getValue()) + ": threw " + e);
    }
  }

  /** A body read with a precision and a default time gives exactly these points, or an error. */
  private static Optional<String> decodeMismatch(JsonNode vector) throws IOException {
    JsonNode input = vector.get("input");
    Precision precision = precision(input.get("precision").asText());
    Outcome outcome = read(text(input.get("text")), precision, input.get("defaultTime").asLong());

    JsonNode expected = vector.get("output");
    if (expected.has("error")) {
      return outcome.error() != null
          ? Optional.empty()
          : Optional.of("no error, where the reference parser gives " + expected.get("error"));
    }
    if (outcome.error() != null) {
      return Optional.of("an error, where the reference parser gives none: " + outcome.error());
    }
    List<String> points = new ArrayList<>();
    expected.get("result").forEach(point -> points.add(expectedPoint(point)));
    return outcome.points().equals(points)
        ? Optional.empty()
        : Optional.of("points " + outcome.points() + ", expected " + points);
  }

  /** The line an encoder writes for a point must give that point. */
  private static Optional<String> encodeMismatch(JsonNode vector) throws IOException {
    JsonNode input = vector.get("input");
    byte[] line = vector.at("/output/result").asText().getBytes(StandardCharsets.UTF_8);
    Outcome outcome = read(line, precision(input.get("precision").asText()), 0);

    List<String> expected = List.of(expectedPoint(input.get("point")));
    return outcome.error() == null && outcome.points().equals(expected)
        ? Optional.empty()
        : Optional.of(
            "read as " + outcome.points() + " / " + outcome.error() + ", expected " + expected);
  }

  @Test
  void theCorpusIsTheWholeOfInfluxDatasFile() {
    assertThat(CORPUS.get("decode").size()).isEqualTo(6615);
    assertThat(CORPUS.get("encode").size()).isEqualTo(115);
    long errors =
        entries(CORPUS.get("decode")).stream()
            .filter(e -> e.getValue().at("/output/error").isTextual())
            .count();
    assertThat(errors).isEqualTo(6220);
  }

  private static Outcome read(byte[] body, Precision precision, long defaultTime)
      throws IOException {
    // A small stream chunk size would change nothing: the reader refills across any boundary (its
    // own tests feed bodies a byte at a time).
    LineProtocolReader reader = new LineProtocolReader(new ByteArrayInputStream(body), precision);
    List<String> points = new ArrayList<>();
    for (Line line = reader.next(); line != null; line = reader.next()) {
      if (line instanceof Malformed malformed) {
        return new Outcome(points, malformed);
      }
      Point point = (Point) line;
      long time =
          point
              .nanosecondsSinceEpoch()
              .orElse(
                  Math.floorDiv(defaultTime, precision.nanoseconds()) * precision.nanoseconds());
      points.add(canonical(point.measurement(), sortedTags(point), point.fields(), time));
    }
    return new Outcome(points, null);
  }

  /** The Go test sorts tags by key, as bytes. */
  private static List<Point.Tag> sortedTags(Point point) {
    List<Point.Tag> tags = new ArrayList<>(point.tags());
    tags.sort(
        Comparator.comparing(
            tag -> tag.key().getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned));
    return tags;
  }

  private static String canonical(
      String measurement, List<Point.Tag> tags, List<Point.Field> fields, long time) {
    StringBuilder text = new StringBuilder("name=" + quoted(measurement) + " tags=[");
    for (Point.Tag tag : tags) {
      text.append(quoted(tag.key())).append('=').append(quoted(tag.value())).append(' ');
    }
    text.append("] fields=[");
    for (Point.Field field : fields) {
      text.append(quoted(field.key())).append('=').append(value(field.value())).append(' ');
    }
    return text.append("] time=").append(time).toString();
  }

  private static String value(FieldValue value) {
    if (value instanceof FloatValue f) {
      // == as Go compares: -0 equals 0
      return "float:" + (f.value() == 0 ? 0.0 : f.value());
    }
    if (value instanceof IntegerValue i) {
      return "int:" + i.value();
    }
    if (value instanceof UnsignedValue u) {
      return "uint:" + Long.toUnsignedString(u.bits());
    }
    if (value instanceof StringValue s) {
      return "string:" + quoted(s.value());
    }
    return "bool:" + ((BooleanValue) value).value();
  }

  private static String expectedPoint(JsonNode point) {
    List<Point.Tag> tags = new ArrayList<>();
    point
        .get("tags")
        .forEach(
            tag -> tags.add(new Point.Tag(tag.get("key").asText(), tag.get("value").asText())));
    List<Point.Field> fields = new ArrayList<>();
    point
        .get("fields")
        .forEach(
            field ->
                fields.add(
                    new Point.Field(field.get("key").asText(), expectedValue(field.get("value")))));
    return canonical(point.get("name").asText(), tags, fields, point.get("time").asLong());
  }

  private static FieldValue expectedValue(JsonNode value) {
    Map.Entry<String, JsonNode> only = value.fields().next();
    JsonNode v = only.getValue();
    return switch (only.getKey()) {
      case "float" -> new FloatValue(v.asDouble());
      case "int" -> new IntegerValue(v.bigIntegerValue().longValueExact());
      case "uint" -> new UnsignedValue(unsigned(v.bigIntegerValue()));
      case "string" -> new StringValue(v.asText());
      case "bool" -> new BooleanValue(v.asBoolean());
      default -> throw new IllegalArgumentException("unknown value kind " + only.getKey());
    };
  }

  private static long unsigned(BigInteger value) {
    if (value.signum() < 0 || value.bitLength() > 64) {
      throw new IllegalArgumentException("not a uint64: " + value);
    }
    return value.longValue();
  }

  private static Precision precision(String precision) {
    return switch (precision) {
      case "1ns" -> Precision.NANOSECONDS;
      case "1µs", "1us" -> Precision.MICROSECONDS;
      case "1ms" -> Precision.MILLISECONDS;
      case "1s" -> Precision.SECONDS;
      default -> throw new IllegalArgumentException("unknown precision " + precision);
    };
  }

  private static byte[] text(JsonNode text) {
    if (text.isTextual()) {
      return text.asText().getBytes(StandardCharsets.UTF_8);
    }
    return Base64.getDecoder().decode(text.get("binary").asText());
  }

  private static String describe(JsonNode vector) {
    JsonNode text = vector.at("/input/text");
    String shown = text.isTextual() ? text.asText() : "binary " + text.get("binary").asText();
    return quoted(shown.length() > 60 ? shown.substring(0, 60) + "…" : shown);
  }

  private static String quoted(String text) {
    StringBuilder out = new StringBuilder("\"");
    text.codePoints()
        .forEach(
            c -> {
              if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
                out.append(String.format("\\u%04x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.append('"').toString();
  }

  private static List<Map.Entry<String, JsonNode>> entries(JsonNode object) {
    List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      entries.add(it.next());
    }
    entries.sort(Map.Entry.comparingByKey());
    return entries;
  }

  private static JsonNode load() {
    try (InputStream in =
        LineProtocolCorpusTest.class.getResourceAsStream("/lineprotocol/corpus/corpus.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
