package dev.temperature.adapters.http.auth;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A token the API accepts, known only by the SHA-256 of its text: the configuration never holds a
 * usable secret. {@code name} identifies the caller in logs instead of the token.
 */
public record ApiToken(String name, String sha256, Set<String> roles) {
  private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

  public ApiToken {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sha256, "sha256");
    sha256 = sha256.strip().toLowerCase(Locale.ROOT);
    if (!HEX_SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException(
          "token '" + name + "': sha256 must be 64 hexadecimal digits (see hash-token)");
    }
    roles = Set.copyOf(roles);
  }

  byte[] hash() {
    return HexFormat.of().parseHex(sha256);
  }
}
