package dev.temperature.bootstrap;

import org.apache.commons.text.lookup.StringLookup;

/**
 * Resolves {@code ${NAME}} in configuration files from the environment, then from a Java system
 * property of the same name ({@code -DNAME=...}). Returning null for neither lets the strict
 * substitutor use a {@code :-default} or stop start-up naming the variable.
 */
final class EnvironmentOrSystemProperty implements StringLookup {
  @Override
  public String lookup(String name) {
    String value = System.getenv(name);
    return value != null ? value : System.getProperty(name);
  }
}
