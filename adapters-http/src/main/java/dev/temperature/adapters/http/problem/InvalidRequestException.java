package dev.temperature.adapters.http.problem;

import java.util.List;

/** A request with one or more bad fields; answered with 400 and every field listed. */
public final class InvalidRequestException extends RuntimeException {
  private final transient List<FieldError> errors;

  public InvalidRequestException(List<FieldError> errors) {
    super(errors.isEmpty() ? "invalid request" : errors.get(0).message());
    this.errors = List.copyOf(errors);
  }

  public InvalidRequestException(FieldError error) {
    this(List.of(error));
  }

  public List<FieldError> errors() {
    return errors;
  }
}
