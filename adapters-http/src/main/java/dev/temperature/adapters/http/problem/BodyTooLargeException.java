package dev.temperature.adapters.http.problem;

/** The request body is larger than the configured limit. */
public final class BodyTooLargeException extends RuntimeException {
  private final long limit;

  public BodyTooLargeException(long limit) {
    super("the request body is larger than the limit of " + limit + " bytes");
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }
}
