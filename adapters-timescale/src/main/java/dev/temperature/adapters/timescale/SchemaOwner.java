package dev.temperature.adapters.timescale;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code storage.migrations}: the role that owns the schema, when the service serves as another. At
 * start-up the service connects as this role on the database of {@code storage.database} (its url
 * and driver settings), runs the migrations and the TimescaleDB set-up, grants the serving role
 * what it needs and nothing more, and disconnects. Empty (the default), {@code database}'s user
 * does all of it and serves as the owner.
 */
public class SchemaOwner {
  private String user = "";
  private String password = "";

  /** Whether a role of its own is named: an empty user, the default, means none. */
  @JsonIgnore
  public boolean isNamed() {
    return user != null && !user.isBlank();
  }

  @JsonProperty
  public String getUser() {
    return user;
  }

  @JsonProperty
  public void setUser(String user) {
    this.user = user;
  }

  /** Never shown: Jackson serialises the configuration for the manifest checks and the logs. */
  @JsonIgnore
  public String getPassword() {
    return password;
  }

  @JsonProperty
  public void setPassword(String password) {
    this.password = password;
  }
}
