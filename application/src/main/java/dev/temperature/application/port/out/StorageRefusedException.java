package dev.temperature.application.port.out;

/**
 * The store understood the request and refused it: a statement it cannot run, a schema that does
 * not match this release, points it will not keep. Retrying cannot help, so the edge answers 500
 * with a reference for the log, where the database's own words are.
 */
public class StorageRefusedException extends IllegalStateException {
  public StorageRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
