package dev.temperature.bootstrap;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.temperature.adapters.http.auth.AccessPolicy;
import dev.temperature.adapters.http.auth.ApiToken;
import dev.temperature.adapters.http.auth.Roles;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** The {@code auth} block: which operations need a bearer token, and the tokens. */
public class AuthConfiguration {
  /**
   * {@code off} or {@code required}. YAML 1.1 reads a bare {@code off} as the boolean false, so
   * booleans are accepted too.
   */
  public enum Access {
    OFF,
    REQUIRED;

    @JsonCreator
    static Access of(Object value) {
      if (value instanceof Boolean on) {
        return on ? REQUIRED : OFF;
      }
      String text = String.valueOf(value).strip().toLowerCase(Locale.ROOT);
      return switch (text) {
        case "off", "false", "no" -> OFF;
        case "required", "true", "on", "yes" -> REQUIRED;
        default ->
            throw new IllegalArgumentException("expected 'off' or 'required', got '" + value + "'");
      };
    }

    @JsonValue
    String text() {
      return name().toLowerCase(Locale.ROOT);
    }

    AccessPolicy.Requirement requirement() {
      return this == REQUIRED ? AccessPolicy.Requirement.REQUIRED : AccessPolicy.Requirement.OFF;
    }
  }

  /**
   * One accepted token, by name and SHA-256 (print one with the hash-token command). While a token
   * is rotated, {@code sha256} holds the new hash and the old one, separated by a comma, and either
   * token is accepted.
   */
  public static class Token {
    @NotEmpty private String name;

    @NotNull
    @Pattern(
        regexp = "\\s*[0-9a-fA-F]{64}(\\s*,\\s*[0-9a-fA-F]{64})*\\s*",
        message =
            "must be the 64 hex digits of a SHA-256 hash, or several separated by commas while a"
                + " token is rotated")
    private String sha256;

    @NotEmpty private Set<@Pattern(regexp = Roles.WRITER + "|" + Roles.READER) String> roles;

    @JsonProperty
    public String getName() {
      return name;
    }

    @JsonProperty
    public void setName(String name) {
      this.name = name;
    }

    @JsonProperty
    public String getSha256() {
      return sha256;
    }

    @JsonProperty
    public void setSha256(String sha256) {
      this.sha256 = sha256;
    }

    @JsonProperty
    public Set<String> getRoles() {
      return roles;
    }

    @JsonProperty
    public void setRoles(Set<String> roles) {
      this.roles = roles;
    }
  }

  @NotNull private Access writes = Access.OFF;
  @NotNull private Access reads = Access.OFF;
  @Valid @NotNull private List<Token> tokens = new ArrayList<>();

  @JsonProperty
  public Access getWrites() {
    return writes;
  }

  @JsonProperty
  public void setWrites(Access writes) {
    this.writes = writes;
  }

  @JsonProperty
  public Access getReads() {
    return reads;
  }

  @JsonProperty
  public void setReads(Access reads) {
    this.reads = reads;
  }

  @JsonProperty
  public List<Token> getTokens() {
    return tokens;
  }

  @JsonProperty
  public void setTokens(List<Token> tokens) {
    this.tokens = tokens;
  }

  /** A required role nobody holds would lock every caller out; refused at start-up instead. */
  @ValidationMethod(
      message =
          "auth.writes is required, but no token in auth.tokens has the role 'writer': nothing"
              + " could record a reading. Add a token with roles: [writer], or set auth.writes: off")
  @JsonIgnore
  public boolean isWriterTokenGivenWhenWritesNeedOne() {
    return writes == Access.OFF || holdsRole(Roles.WRITER);
  }

  @ValidationMethod(
      message =
          "auth.reads is required, but no token in auth.tokens has the role 'reader': nothing"
              + " could read. Add a token with roles: [reader], or set auth.reads: off")
  @JsonIgnore
  public boolean isReaderTokenGivenWhenReadsNeedOne() {
    return reads == Access.OFF || holdsRole(Roles.READER);
  }

  /**
   * A token is known only by its hash, so two entries with the same one are one token: the first
   * entry's name and roles would silently apply to both callers. Each hash of a rotation list
   * counts on its own, so a hash listed under the writer's entry and again, beside another, under
   * the reader's is refused too: its holder would otherwise get both roles.
   */
  @ValidationMethod(
      message =
          "auth.tokens lists one sha256 under two entries (or twice in one): each caller needs its"
              + " own token (make one with hash-token --generate)")
  @JsonIgnore
  public boolean isEveryTokenHashDistinct() {
    Set<String> seen = new HashSet<>();
    return tokens.stream()
        .map(Token::getSha256)
        .filter(Objects::nonNull)
        .flatMap(hashes -> Arrays.stream(hashes.split(",")))
        .map(hash -> hash.strip().toLowerCase(Locale.ROOT))
        .filter(hash -> !hash.isEmpty())
        .allMatch(seen::add);
  }

  private boolean holdsRole(String role) {
    return tokens.stream()
        .anyMatch(token -> token.getRoles() != null && token.getRoles().contains(role));
  }

  public AccessPolicy policy() {
    return new AccessPolicy(
        writes.requirement(),
        reads.requirement(),
        tokens.stream()
            .flatMap(
                token ->
                    Arrays.stream(token.getSha256().split(","))
                        .map(hash -> new ApiToken(token.getName(), hash, token.getRoles())))
            .toList());
  }
}
