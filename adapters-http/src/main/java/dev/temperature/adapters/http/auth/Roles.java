package dev.temperature.adapters.http.auth;

/**
 * The two roles a token can have. Whether a role is checked at all depends on the configuration
 * ({@code auth.writes}, {@code auth.reads}); the annotations say which role an operation needs.
 */
public final class Roles {
  /** May record readings (every POST). */
  public static final String WRITER = "writer";

  /** May read temperatures, statistics, series and listings (every GET). */
  public static final String READER = "reader";

  private Roles() {}
}
