package dev.temperature.domain.alerting;

import java.time.Instant;
import java.util.Objects;

/** What one evaluation of a rule's condition found for one room. */
public sealed interface Verdict {
  /**
   * The condition holds: the value is past the threshold, or the room has been silent too long.
   * {@code since} is when it began to hold, when the data says so (a silence), else the moment of
   * the evaluation.
   */
  record Breaching(double value, Instant since) implements Verdict {
    public Breaching {
      Objects.requireNonNull(since, "since");
    }
  }

  /**
   * Between the clear value and the threshold: a firing alert goes on firing, nothing new fires.
   */
  record Holding(double value) implements Verdict {}

  /** Past the clear value: a firing alert is resolved. */
  record Clear(double value) implements Verdict {}

  /**
   * No reading in the rule's window: nothing says the room is too hot or back to normal. A pending
   * alert lapses; a firing one goes on firing (a silence rule is what notices a dead sensor).
   */
  record NoData() implements Verdict {}
}
