package dev.temperature.adapters.http.problem;

/**
 * A value that only the HTTP edge knows, such as a page cursor or a page size, is not acceptable.
 * The domain's values fail with their own exception; this one never leaves the adapter.
 */
public final class InvalidParameterException extends RuntimeException {
  public InvalidParameterException(String message) {
    super(message);
  }
}
