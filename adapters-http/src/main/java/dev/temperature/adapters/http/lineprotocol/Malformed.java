package dev.temperature.adapters.http.lineprotocol;

/**
 * A line that is not line protocol: where (1-based line and byte column) and why. The reader goes
 * on with the next line.
 */
public record Malformed(long number, long column, String reason) implements Line {
  /** As InfluxData's Go parser words it: {@code at line 3:18: expected '=' after tag key "a"}. */
  public String message() {
    return "at line " + number + ":" + column + ": " + reason;
  }
}
