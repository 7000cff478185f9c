package dev.temperature.bootstrap;

import io.dropwizard.configuration.UndefinedEnvironmentVariableException;
import org.apache.commons.text.lookup.StringLookup;

/**
 * Resolves {@code ${NAME}} in configuration files from the environment, then from a Java system
 * property of the same name ({@code -DNAME=...}); with neither, start-up stops and names it, rather
 * than passing the literal text on as a password.
 */
final class EnvironmentOrSystemProperty implements StringLookup {
  @Override
  public String lookup(String name) {
    String value = System.getenv(name);
    if (value == null) {
      value = System.getProperty(name);
    }
    if (value == null) {
      throw new UndefinedEnvironmentVariableException(
          "The environment variable '"
              + name
              + "' is not defined; could not substitute ${"
              + name
              + "}");
    }
    return value;
  }
}
