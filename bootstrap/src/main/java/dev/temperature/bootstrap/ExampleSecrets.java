package dev.temperature.bootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secrets the repository ships as examples, in {@code .env.example} and {@code
 * deploy/k8s/overlays/*}{@code /*.env.example}: anyone can read them, so a service that runs with
 * one is as good as open. A configuration that requires tokens (the {@code config-production*.yml}
 * files) refuses to start with one, naming each setting that holds one; an open configuration (the
 * quick start, the Compose stacks' files) only warns, as it warns that it is open.
 *
 * <p>The examples are recognised by their shape, not listed one by one: every example password and
 * token starts with {@code change-me}, and the example token hashes are 64 times one digit.
 */
final class ExampleSecrets {
  private static final Logger LOG = LoggerFactory.getLogger(ExampleSecrets.class);
  private static final Pattern PLACEHOLDER_HASH = Pattern.compile("([0-9a-f])\\1{63}");

  private ExampleSecrets() {}

  /** Whether {@code value} is one of the shipped examples. */
  static boolean isExample(String value) {
    String text = value.strip().toLowerCase(Locale.ROOT);
    return text.startsWith("change-me") || PLACEHOLDER_HASH.matcher(text).matches();
  }

  /** The settings of {@code configuration} that hold an example secret, in order. */
  static List<String> settingsWithExamples(TemperatureApiConfiguration configuration) {
    List<String> settings = new ArrayList<>();
    for (Map.Entry<String, String> secret : configuration.getStorage().secrets().entrySet()) {
      if (isExample(secret.getValue())) {
        settings.add(secret.getKey());
      }
    }
    List<AuthConfiguration.Token> tokens = configuration.getAuth().getTokens();
    for (int i = 0; i < tokens.size(); i++) {
      String hashes = tokens.get(i).getSha256();
      for (String hash : hashes == null ? new String[0] : hashes.split(",")) {
        if (isExample(hash)) {
          settings.add("auth.tokens[" + i + "].sha256 (" + tokens.get(i).getName() + ")");
          break;
        }
      }
    }
    return settings;
  }

  /**
   * Refuses to start when tokens are required and a secret is an example; warns when the
   * configuration is open.
   *
   * @throws IllegalStateException naming every setting that holds an example
   */
  static void refuseOrWarn(TemperatureApiConfiguration configuration, boolean requiresTokens) {
    List<String> settings = settingsWithExamples(configuration);
    if (settings.isEmpty()) {
      return;
    }
    String found =
        String.join(", ", settings)
            + (settings.size() == 1 ? " holds" : " hold")
            + " the example value shipped in .env.example or a deploy/k8s *.env.example file,"
            + " which anyone can read";
    String fix =
        "Set a secret of your own (a password or token: openssl rand -hex 32; a token's hash:"
            + " hash-token --generate)";
    if (requiresTokens) {
      throw new IllegalStateException("Refusing to start: " + found + ". " + fix + ".");
    }
    LOG.warn("{}. Fine on a machine of your own; anywhere else: {}.", found, fix);
  }
}
