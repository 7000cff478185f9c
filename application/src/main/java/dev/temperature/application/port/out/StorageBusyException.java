package dev.temperature.application.port.out;

/**
 * The store takes no more writes for now: as many readings as it may hold in memory are already
 * waiting to be written. Nothing of this request was stored; it may be retried shortly.
 */
public class StorageBusyException extends StorageUnavailableException {
  public StorageBusyException(String message) {
    super(message, null);
  }
}
