package dev.temperature.adapters.http.auth;

import java.util.List;
import java.util.Objects;

/**
 * Who may do what: whether writes and reads need a token, and the tokens there are. With both off
 * (the quick start) the API is open, as the prototype was.
 */
public record AccessPolicy(Requirement writes, Requirement reads, List<ApiToken> tokens) {
  /** Whether an operation class needs a token. */
  public enum Requirement {
    OFF,
    REQUIRED
  }

  public static final AccessPolicy OPEN =
      new AccessPolicy(Requirement.OFF, Requirement.OFF, List.of());

  public AccessPolicy {
    Objects.requireNonNull(writes, "writes");
    Objects.requireNonNull(reads, "reads");
    tokens = List.copyOf(tokens);
  }

  public boolean readsRequireToken() {
    return reads == Requirement.REQUIRED;
  }

  public boolean writesRequireToken() {
    return writes == Requirement.REQUIRED;
  }
}
