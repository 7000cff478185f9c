package dev.temperature.adapters.http.auth;

import io.dropwizard.auth.Authenticator;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * Finds the configured token whose hash matches the presented one. Every configured hash is
 * compared, each in constant time, so the answer's timing says nothing about which token, or how
 * much of one, matched.
 */
final class TokenAuthenticator implements Authenticator<String, Caller> {
  private final List<ApiToken> tokens;

  TokenAuthenticator(List<ApiToken> tokens) {
    this.tokens = List.copyOf(tokens);
  }

  @Override
  public Optional<Caller> authenticate(String presented) {
    byte[] hash = TokenHash.of(presented);
    ApiToken match = null;
    for (ApiToken token : tokens) {
      if (MessageDigest.isEqual(hash, token.hash()) && match == null) {
        match = token;
      }
    }
    return match == null ? Optional.empty() : Optional.of(new Caller(match.name(), match.roles()));
  }
}
