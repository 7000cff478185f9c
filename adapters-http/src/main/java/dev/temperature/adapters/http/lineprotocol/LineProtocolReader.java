package dev.temperature.adapters.http.lineprotocol;

import dev.temperature.adapters.http.lineprotocol.FieldValue.BooleanValue;
import dev.temperature.adapters.http.lineprotocol.FieldValue.FloatValue;
import dev.temperature.adapters.http.lineprotocol.FieldValue.IntegerValue;
import dev.temperature.adapters.http.lineprotocol.FieldValue.StringValue;
import dev.temperature.adapters.http.lineprotocol.FieldValue.UnsignedValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads InfluxDB line protocol from a stream, one entry at a time, holding only a buffer and the
 * entry being read: never the whole body.
 *
 * <pre>
 * measurement[,tag_key=tag_value...] field_key=field_value[,field_key=field_value...] [timestamp]
 * </pre>
 *
 * <p>It accepts exactly what InfluxData's reference parser ({@code
 * github.com/influxdata/line-protocol/v2/lineprotocol}, whose test corpus it is tested against)
 * accepts: the same characters in each section, the same escapes ({@code \,} {@code \=} and {@code
 * \ } in names; {@code \\} {@code \"} {@code \n} {@code \r} {@code \t} in strings; any other
 * backslash is kept as written), strict UTF-8, Go's number syntax (underscores between digits, hex
 * floats), comment lines, CR LF line ends, and a duplicate tag key is an error. A malformed line is
 * returned as {@link Malformed}, and reading resumes at the next line.
 */
public final class LineProtocolReader {
  private static final int BUFFER_BYTES = 64 * 1024;

  // Byte classes of the reference parser: which bytes each section may hold unescaped.
  private static final boolean[] MEASUREMENT = bytes(c -> printable(c) && c != ',' && c != ' ');
  private static final boolean[] KEY = bytes(c -> printable(c) && c != ',' && c != '=' && c != ' ');
  private static final boolean[] STRING = bytes(c -> c != '"');
  private static final boolean[] VALUE = bytes(c -> c != ',' && !whitespace(c));
  private static final boolean[] TIME = bytes(c -> c == '-' || (c >= '0' && c <= '9'));
  private static final boolean[] COMMENT = bytes(LineProtocolReader::printable);
  private static final boolean[] NOT_LINE_END = bytes(c -> c != '\r' && c != '\n');
  // Everything but a line feed: recovery skips to the next one, as the reference parser does.
  private static final boolean[] NOT_NEWLINE = bytes(c -> c != '\n');

  // What follows a backslash, and what it stands for; 0: not an escape, the backslash stays.
  private static final byte[] MEASUREMENT_ESCAPES = escapes(" ", " ", ",", ",");
  private static final byte[] KEY_ESCAPES = escapes(" ", " ", ",", ",", "=", "=");
  private static final byte[] STRING_ESCAPES =
      escapes("\\", "\\", "\"", "\"", "n", "\n", "r", "\r", "t", "\t");

  private final InputStream in;
  private final Precision precision;
  private final byte[] buffer = new byte[BUFFER_BYTES];
  private final CharsetDecoder utf8 =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

  /** Bytes of the body before buffer[0]. */
  private long base;

  private int position;
  private int limit;
  private boolean exhausted;

  /** The token being read, unescaped; it grows to the longest token of the body. */
  private byte[] token = new byte[256];

  private int tokenLength;
  private boolean tokenHasHighBytes;

  /** The line of the byte at {@link #position}, and the body offset where that line begins. */
  private long line = 1;

  private long lineStart;

  /** Where the string field being read began: it may span lines. */
  private long markLine = 1;

  private long markLineStart;

  /** Whether the entry being read has consumed its line end (or the end of the body). */
  private boolean lineEnded;

  /** After a malformed entry: the rest of its line is skipped before the next is read. */
  private boolean skipRestOfLine;

  public LineProtocolReader(InputStream in, Precision precision) {
    this.in = Objects.requireNonNull(in, "in");
    this.precision = Objects.requireNonNull(precision, "precision");
  }

  /**
   * The next entry: a point, or a malformed line, or null at the end of the body.
   *
   * @throws IOException as the stream threw it
   */
  public Line next() throws IOException {
    if (skipRestOfLine) {
      skipRestOfLine = false;
      take(NOT_NEWLINE);
      if (peek() == '\n') {
        position++;
        newLine();
      }
    }
    Malformed comment = skipBlankAndCommentLines();
    if (comment != null) {
      return comment;
    }
    if (peek() < 0) {
      return null;
    }
    long number = line;
    lineEnded = false;
    try {
      return point(number);
    } catch (Fault fault) {
      skipRestOfLine = !lineEnded;
      return new Malformed(fault.line, fault.column, fault.getMessage());
    }
  }

  private Malformed skipBlankAndCommentLines() throws IOException {
    while (true) {
      discardSpaces();
      int c = peek();
      if (c == '#') {
        long commentLine = line;
        long commentColumn = column(offset());
        take(COMMENT);
        if (!takeLineEnd()) {
          skipRestOfLine = true;
          return new Malformed(
              commentLine, commentColumn, "invalid character found in comment line");
        }
      } else if (c == '\n') {
        position++;
        newLine();
      } else if (c != '\r' || !takeLineEnd()) {
        return null;
      }
    }
  }

  private Point point(long number) throws IOException, Fault {
    String measurement = measurement();
    List<Point.Tag> tags = tags();
    List<Point.Field> fields = new ArrayList<>(2);
    while (true) {
      fields.add(field());
      int c = peek();
      if (c < 0) {
        lineEnded = true;
        return new Point(number, measurement, tags, fields, OptionalLong.empty());
      }
      if (c == ',') {
        position++;
        continue;
      }
      if (!whitespace(c)) {
        throw fault(
            offset(),
            "unexpected character "
                + quote(c)
                + " after field "
                + quote(fields.get(fields.size() - 1).key()));
      }
      discardSpaces();
      if (takeLineEnd()) {
        lineEnded = true;
        return new Point(number, measurement, tags, fields, OptionalLong.empty());
      }
      return new Point(number, measurement, tags, fields, time());
    }
  }

  private String measurement() throws IOException, Fault {
    long start = offset();
    takeEscaped(MEASUREMENT, MEASUREMENT_ESCAPES);
    if (tokenLength == 0) {
      int c = peek();
      throw fault(
          start,
          c < 0
              ? "no measurement name found"
              : "invalid character " + quote(c) + " found at start of measurement name");
    }
    String measurement = text(start);
    afterNameOrTagValue();
    return measurement;
  }

  /** A comma after the measurement or a tag value promises another tag. */
  private void afterNameOrTagValue() throws IOException, Fault {
    if (peek() != ',') {
      return;
    }
    position++;
    int c = peek();
    if (c < 0) {
      throw fault(offset(), "expected tag key after comma; got end of input");
    }
    if (whitespace(c)) {
      throw fault(offset(), "expected tag key after comma; got white space instead");
    }
  }

  private List<Point.Tag> tags() throws IOException, Fault {
    List<Point.Tag> tags = List.of();
    while (true) {
      if (peek() == ' ') {
        discardSpaces();
        requireDistinct(tags);
        return tags;
      }
      long keyStart = offset();
      takeEscaped(KEY, KEY_ESCAPES);
      int c = peek();
      if (tokenLength == 0 || c != '=') {
        String key = text(keyStart);
        String message;
        if (c < 0) {
          message =
              key.isEmpty()
                  ? "expected tag key or field but found end of input instead"
                  : "expected '=' after tag key " + quote(key) + ", but got end of input instead";
        } else if (!key.isEmpty()) {
          message =
              "expected '=' after tag key " + quote(key) + ", but got " + quote(c) + " instead";
        } else if (c == '=') {
          message = "empty tag key";
        } else {
          message = "expected tag key or field but found " + quote(c) + " instead";
        }
        throw fault(keyStart, message);
      }
      String key = text(keyStart);
      position++;
      long valueStart = offset();
      takeEscaped(KEY, KEY_ESCAPES);
      if (tokenLength == 0) {
        throw fault(
            valueStart, "expected tag value after tag key " + quote(key) + ", but none found");
      }
      String value = text(valueStart);
      if (tags.isEmpty()) {
        tags = new ArrayList<>(4);
      }
      tags.add(new Point.Tag(key, value));
      if (peek() < 0) {
        requireDistinct(tags);
        return tags; // the fields then find the end of input and say so
      }
      afterNameOrTagValue();
    }
  }

  private void requireDistinct(List<Point.Tag> tags) throws Fault {
    if (tags.size() < 2) {
      return;
    }
    Set<String> keys = new HashSet<>();
    for (Point.Tag tag : tags) {
      if (!keys.add(tag.key())) {
        throw fault(offset(), "duplicate tag key " + quote(tag.key()));
      }
    }
  }

  private Point.Field field() throws IOException, Fault {
    long keyStart = offset();
    takeEscaped(KEY, KEY_ESCAPES);
    int c = peek();
    if (tokenLength == 0) {
      throw fault(
          keyStart,
          c < 0
              ? "expected field key but none found"
              : "invalid character " + quote(c) + " found at start of field key");
    }
    String key = text(keyStart);
    if (c < 0) {
      throw fault(offset(), "want '=' after field key " + quote(key) + ", found end of input");
    }
    if (c != '=') {
      throw fault(offset(), "want '=' after field key " + quote(key) + ", found " + quote(c));
    }
    position++;
    long valueStart = offset();
    c = peek();
    if (c < 0) {
      throw fault(valueStart, "expected value for field " + quote(key) + ", found end of input");
    }
    switch (c) {
      case '"':
        markLine = line;
        markLineStart = lineStart;
        position++;
        takeEscaped(STRING, STRING_ESCAPES);
        if (peek() < 0) {
          throw fault(
              valueStart,
              "expected closing quote for string field " + quote(key) + ", found end of input");
        }
        String text = text(valueStart + 1);
        position++;
        return new Point.Field(key, new StringValue(text));
      case 't', 'T', 'f', 'F':
        take(VALUE);
        return new Point.Field(key, bool(key, valueStart));
      case '-', '.', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
        take(VALUE);
        return new Point.Field(key, number(key, valueStart));
      case ' ', ',':
        throw fault(valueStart, "missing field value for field " + quote(key));
      default:
        take(VALUE);
        throw fault(
            valueStart,
            "value for field "
                + quote(key)
                + " ("
                + quote(tokenText())
                + ") has unrecognized type");
    }
  }

  private FieldValue bool(String key, long start) throws Fault {
    switch (tokenText()) {
      case "t", "T", "true", "True", "TRUE":
        return new BooleanValue(true);
      case "f", "F", "false", "False", "FALSE":
        return new BooleanValue(false);
      default:
        throw fault(
            start,
            "cannot parse value for field key "
                + quote(key)
                + ": invalid bool value "
                + quote(tokenText()));
    }
  }

  private FieldValue number(String key, long start) throws Fault {
    byte last = token[tokenLength - 1];
    try {
      if (last == 'i') {
        return new IntegerValue(GoNumbers.parseInt(token, 0, tokenLength - 1));
      }
      if (last == 'u') {
        return new UnsignedValue(GoNumbers.parseUnsigned(token, 0, tokenLength - 1));
      }
      double value = GoNumbers.parseFloat(token, 0, tokenLength);
      if (!Double.isFinite(value)) {
        throw new NumberFormatException(
            "non-number " + quote(tokenText()) + " cannot be represented as a line-protocol value");
      }
      return new FloatValue(value);
    } catch (NumberFormatException e) {
      throw fault(start, "cannot parse value for field key " + quote(key) + ": " + e.getMessage());
    }
  }

  private OptionalLong time() throws IOException, Fault {
    long start = offset();
    take(TIME);
    boolean written = tokenLength > 0;
    long timestamp = 0;
    String unreadable = null;
    try {
      timestamp = written ? GoNumbers.parseInt(token, 0, tokenLength) : 0;
    } catch (NumberFormatException e) {
      unreadable = "invalid timestamp (" + quote(tokenText()) + "): " + e.getMessage();
    }
    int c = peek();
    if (c >= 0 && !whitespace(c)) {
      String before = tokenText();
      take(NOT_LINE_END);
      throw fault(start, "invalid timestamp (" + quote(before + tokenText()) + ")");
    }
    if (c >= 0) {
      discardSpaces();
      if (!takeLineEnd()) {
        long extraStart = offset();
        take(NOT_LINE_END);
        throw fault(extraStart, "unexpected text after timestamp (" + quote(tokenText()) + ")");
      }
    }
    lineEnded = true;
    if (unreadable != null) {
      throw fault(start, unreadable);
    }
    if (!written) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(precision.toNanoseconds(timestamp));
    } catch (ArithmeticException e) {
      throw fault(start, "invalid timestamp (" + timestamp + "): value out of range");
    }
  }

  // --- bytes -------------------------------------------------------------------------------------

  /** The next byte, or -1 at the end of the body. */
  private int peek() throws IOException {
    if (position == limit && !ensure(1)) {
      return -1;
    }
    return buffer[position] & 0xff;
  }

  /** Whether {@code n} bytes are buffered from {@link #position} on, reading more if needed. */
  private boolean ensure(int n) throws IOException {
    if (limit - position >= n) {
      return true;
    }
    if (exhausted) {
      return false;
    }
    int kept = limit - position;
    System.arraycopy(buffer, position, buffer, 0, kept);
    base += position;
    position = 0;
    limit = kept;
    while (limit < n) {
      int read = in.read(buffer, limit, buffer.length - limit);
      if (read < 0) {
        exhausted = true;
        return false;
      }
      limit += read;
    }
    return true;
  }

  private long offset() {
    return base + position;
  }

  private long column(long offset) {
    return offset - lineStart + 1;
  }

  private void newLine() {
    line++;
    lineStart = offset();
  }

  private void discardSpaces() throws IOException {
    while (peek() == ' ') {
      position++;
    }
  }

  /** A line feed, CR LF, a CR that ends the body, or the end of the body itself. */
  private boolean takeLineEnd() throws IOException {
    int c = peek();
    if (c < 0) {
      return true;
    }
    if (c == '\n') {
      position++;
      newLine();
      return true;
    }
    if (c == '\r') {
      if (!ensure(2)) {
        position++;
        return true;
      }
      if (buffer[position + 1] == '\n') {
        position += 2;
        newLine();
        return true;
      }
    }
    return false;
  }

  /** The bytes of class {@code set}, as they are, into the token. */
  private void take(boolean[] set) throws IOException {
    tokenLength = 0;
    tokenHasHighBytes = false;
    while (position < limit || ensure(1)) {
      int start = position;
      while (position < limit && set[buffer[position] & 0xff]) {
        position++;
      }
      append(start, position);
      if (position < limit) {
        return;
      }
    }
  }

  /**
   * The bytes of class {@code set} and the escapes of {@code escapes}, unescaped, into the token.
   */
  private void takeEscaped(boolean[] set, byte[] escapes) throws IOException {
    tokenLength = 0;
    tokenHasHighBytes = false;
    while (position < limit || ensure(1)) {
      int start = position;
      while (position < limit) {
        int c = buffer[position] & 0xff;
        if (c == '\\' || !set[c]) {
          break;
        }
        if (c == '\n') {
          append(start, position + 1);
          position++;
          newLine();
          start = position;
          continue;
        }
        position++;
      }
      append(start, position);
      if (position == limit) {
        continue;
      }
      if (buffer[position] != '\\') {
        return;
      }
      position++;
      if (position == limit && !ensure(1)) {
        appendByte((byte) '\\'); // nothing follows: the backslash stays
        return;
      }
      byte replacement = escapes[buffer[position] & 0xff];
      if (replacement == 0) {
        appendByte((byte) '\\'); // not an escape: kept, and what follows is read as usual
      } else {
        appendByte(replacement);
        position++;
      }
    }
  }

  private void append(int from, int to) {
    int length = to - from;
    if (length == 0) {
      return;
    }
    if (tokenLength + length > token.length) {
      token = Arrays.copyOf(token, Math.max(token.length * 2, tokenLength + length));
    }
    for (int i = from; i < to; i++) {
      if (buffer[i] < 0) {
        tokenHasHighBytes = true;
        break;
      }
    }
    System.arraycopy(buffer, from, token, tokenLength, length);
    tokenLength += length;
  }

  private void appendByte(byte b) {
    if (tokenLength == token.length) {
      token = Arrays.copyOf(token, token.length * 2);
    }
    token[tokenLength++] = b;
  }

  /** The token as text, which must be valid UTF-8. */
  private String text(long start) throws Fault {
    if (!tokenHasHighBytes) {
      return new String(token, 0, tokenLength, StandardCharsets.ISO_8859_1);
    }
    try {
      CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(token, 0, tokenLength));
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw fault(start, "invalid utf-8 sequence in token " + quote(tokenText()));
    }
  }

  /** The token for messages, whatever its bytes. */
  private String tokenText() {
    return new String(token, 0, tokenLength, StandardCharsets.UTF_8);
  }

  private Fault fault(long at, String message) {
    // A fault before the current line began is at the start of a string field that spans lines.
    if (at >= lineStart) {
      return new Fault(message, line, column(at));
    }
    return new Fault(message, markLine, at - markLineStart + 1);
  }

  private static String quote(int c) {
    return quote(String.valueOf((char) c));
  }

  /** Go's %q, near enough for a message: quoted, with control characters escaped. */
  private static String quote(String text) {
    StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length() && i < 200; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\r' -> quoted.append("\\r");
        case '\t' -> quoted.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            quoted.append(String.format("\\x%02x", (int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    if (text.length() > 200) {
      quoted.append('…');
    }
    return quoted.append('"').toString();
  }

  private static boolean printable(int c) {
    return c >= 0x20 && c != 0x7f;
  }

  private static boolean whitespace(int c) {
    return c == ' ' || c == '\r' || c == '\n';
  }

  private interface ByteClass {
    boolean contains(int c);
  }

  private static boolean[] bytes(ByteClass byteClass) {
    boolean[] set = new boolean[256];
    for (int c = 0; c < 256; c++) {
      set[c] = byteClass.contains(c);
    }
    return set;
  }

  private static byte[] escapes(String... pairs) {
    byte[] table = new byte[256];
    for (int i = 0; i < pairs.length; i += 2) {
      table[pairs[i].charAt(0)] = (byte) pairs[i + 1].charAt(0);
    }
    return table;
  }

  /** A malformed entry; thrown without a stack trace, since it is an answer, not a bug. */
  private static final class Fault extends Exception {
    private final long line;
    private final long column;

    Fault(String message, long line, long column) {
      super(message, null, false, false);
      this.line = line;
      this.column = column;
    }
  }
}
