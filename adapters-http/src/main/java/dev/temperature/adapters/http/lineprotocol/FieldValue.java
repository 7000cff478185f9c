package dev.temperature.adapters.http.lineprotocol;

import java.util.Objects;

/** The five types a field value has in line protocol, told apart by how it is written. */
public sealed interface FieldValue {
  /** {@code 21.5}, {@code -1e3}, {@code 0x1p-2}: a finite 64-bit float. */
  record FloatValue(double value) implements FieldValue {}

  /** {@code 21i}: a signed 64-bit integer. */
  record IntegerValue(long value) implements FieldValue {}

  /** {@code 21u}: an unsigned 64-bit integer, held in a long's bits. */
  record UnsignedValue(long bits) implements FieldValue {
    @Override
    public String toString() {
      return "UnsignedValue[" + Long.toUnsignedString(bits) + "]";
    }
  }

  /** {@code "text"}: unescaped, valid UTF-8. */
  record StringValue(String value) implements FieldValue {
    public StringValue {
      Objects.requireNonNull(value, "value");
    }
  }

  /** {@code t}, {@code true}, {@code F}, ...: a boolean. */
  record BooleanValue(boolean value) implements FieldValue {}
}
