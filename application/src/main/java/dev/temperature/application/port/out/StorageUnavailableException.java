package dev.temperature.application.port.out;

/**
 * The store could not do what was asked: it is down, unreachable, out of space or timed out.
 * Nothing was acknowledged; the request may be retried. Adapters translate their technology's
 * failures into this so that the edge can answer 503 without knowing which database is behind it.
 */
public class StorageUnavailableException extends RuntimeException {
  public StorageUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
