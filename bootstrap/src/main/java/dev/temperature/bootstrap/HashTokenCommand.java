package dev.temperature.bootstrap;

import dev.temperature.adapters.http.auth.TokenHash;
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
 */
final class HashTokenCommand extends Command {
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
    System.out.println(TokenHash.hex(token.strip()));
  }
}
