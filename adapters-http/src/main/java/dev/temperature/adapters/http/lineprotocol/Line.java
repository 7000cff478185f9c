package dev.temperature.adapters.http.lineprotocol;

/** One entry of a line-protocol body as read: a {@link Point}, or a {@link Malformed} line. */
public sealed interface Line permits Point, Malformed {
  /** The 1-based line of the body it was read from (for a malformed one, where the fault is). */
  long number();
}
