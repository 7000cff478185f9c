package dev.temperature.adapters.http.resources;

import dev.temperature.adapters.http.problem.FieldError;
import dev.temperature.adapters.http.problem.InvalidParameterException;
import dev.temperature.adapters.http.problem.InvalidRequestException;
import dev.temperature.domain.InvalidValueException;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Converts request fields to domain values one by one and remembers every failure, so that a client
 * learns about all of its mistakes in one answer rather than one per attempt.
 */
final class Violations {
  private final List<FieldError> errors = new ArrayList<>();

  <T> T path(String field, Supplier<T> conversion) {
    return convert(conversion, message -> FieldError.inPath(field, message));
  }

  <T> T query(String field, Supplier<T> conversion) {
    return convert(conversion, message -> FieldError.inQuery(field, message));
  }

  <T> T body(String field, Supplier<T> conversion) {
    return convert(conversion, message -> FieldError.inBody(field, message));
  }

  void add(FieldError error) {
    errors.add(error);
  }

  /** Answers 400 with every recorded failure, if there was any. */
  void throwIfAny() {
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
  }

  private <T> T convert(Supplier<T> conversion, Function<String, FieldError> error) {
    try {
      return conversion.get();
    } catch (InvalidValueException | DateTimeException | InvalidParameterException e) {
      errors.add(error.apply(e.getMessage()));
      return null;
    }
  }
}
