package dev.temperature.adapters.http.influxwrite;

/**
 * Told what each write request did with its lines, for the metrics the bootstrap keeps: how many
 * readings were stored, how many points of other measurements were ignored, how many lines were
 * rejected (malformed, or no valid reading). Called once per request, also when it failed part-way.
 */
@FunctionalInterface
public interface WriteObserver {
  WriteObserver NONE = (stored, ignored, rejected) -> {};

  void lines(long stored, long ignored, long rejected);
}
