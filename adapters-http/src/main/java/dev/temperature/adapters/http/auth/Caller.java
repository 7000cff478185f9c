package dev.temperature.adapters.http.auth;

import java.security.Principal;
import java.util.Set;

/** Whoever presented a valid token: the token's configured name and roles. */
public record Caller(String name, Set<String> roles) implements Principal {
  @Override
  public String getName() {
    return name;
  }
}
