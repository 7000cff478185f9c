package dev.temperature.bootstrap;

import dev.temperature.adapters.http.auth.TokenHash;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code java -jar temperature-api.jar hash-token}: prints the SHA-256 that goes into {@code
 * auth.tokens[].sha256}. The token is read from standard input, never from the command line, where
 * it would show in the process list and the shell history. With {@code --generate} it makes a new
 * random token and prints both.
 *
 * <p>A token shorter than {@link #MINIMUM_LENGTH} characters is refused. The configuration holds an
 * unsalted SHA-256 of the token, which is fast to compute: whoever reads the hash (in the file, an
 * environment variable, a log) can try billions of guesses a second offline, and only the token's
 * randomness stops them. 32 characters are 128 bits even as hex, and rule out the words and
 * passwords people pick; the generated tokens are 43 characters, 256 bits.
 */
final class HashTokenCommand extends Command {
  static final int MINIMUM_LENGTH = 32;

  HashTokenCommand() {
    super("hash-token", "Print the SHA-256 of a bearer token for auth.tokens (token on stdin)");
  }

  @Override
  public void configure(Subparser subparser) {
    subparser
        .addArgument("--generate")
        .action(Arguments.storeTrue())
        .help("make a new random token and print it with its hash");
  }

  @Override
  public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
    if (Boolean.TRUE.equals(namespace.getBoolean("generate"))) {
      String token = TokenHash.newToken();
      System.out.println("token:  " + token);
      System.out.println("sha256: " + TokenHash.hex(token));
      return;
    }
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String token = in.readLine();
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("no token on standard input");
    }
    String stripped = token.strip();
    if (stripped.length() < MINIMUM_LENGTH) {
      throw new IllegalArgumentException(
          "a token of "
              + stripped.length()
              + " characters is too short: at least "
              + MINIMUM_LENGTH
              + " random characters, since its SHA-256 can be guessed at offline by anyone who"
              + " sees the hash. Use hash-token --generate for one");
    }
    System.out.println(TokenHash.hex(stripped));
  }

  /** A refused token is the user's mistake, not the program's: the reason, without a trace. */
  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    if (e instanceof IllegalArgumentException) {
      cli.getStdErr().println("hash-token: " + e.getMessage());
    } else {
      super.onError(cli, namespace, e);
    }
  }
}
