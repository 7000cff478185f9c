package dev.temperature.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.temperature.adapters.http.auth.TokenHash;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HashTokenCommandTest {
  private final PrintStream out = System.out;
  private final InputStream in = System.in;
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  @AfterEach
  void restore() {
    System.setOut(out);
    System.setIn(in);
  }

  @Test
  void printsTheSha256OfTheTokenOnStandardInput() throws Exception {
    System.setIn(
        new ByteArrayInputStream(
            "my-token-that-is-long-enough-for-hash-token\n".getBytes(StandardCharsets.UTF_8)));
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));

    new TemperatureApiApplication().run("hash-token");

    // Computed independently: printf my-token-that-is-long-enough-for-hash-token | sha256sum
    assertThat(printed.toString(StandardCharsets.UTF_8).strip())
        .isEqualTo("be70e2e77780a82df7138c6723b51304ee9c7b0fef3205215b771350462a2042");
  }

  @Test
  void refusesATokenShorterThan32Characters() {
    System.setIn(new ByteArrayInputStream("x".repeat(31).getBytes(StandardCharsets.UTF_8)));
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));

    // Run directly: through the application, a failed command ends the JVM.
    assertThatThrownBy(
            () -> new HashTokenCommand().run(null, new Namespace(Map.of("generate", false))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("31 characters is too short")
        .hasMessageContaining("at least 32");
    assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void takesATokenOfExactly32Characters() throws Exception {
    System.setIn(new ByteArrayInputStream("y".repeat(32).getBytes(StandardCharsets.UTF_8)));
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));

    new HashTokenCommand().run(null, new Namespace(Map.of("generate", false)));

    assertThat(printed.toString(StandardCharsets.UTF_8).strip())
        .isEqualTo(TokenHash.hex("y".repeat(32)));
  }

  @Test
  void generatesATokenAndPrintsItsHash() throws Exception {
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));

    new TemperatureApiApplication().run("hash-token", "--generate");

    String[] lines = printed.toString(StandardCharsets.UTF_8).strip().split("\n");
    String token = lines[0].replace("token:", "").strip();
    String hash = lines[1].replace("sha256:", "").strip();
    assertThat(token).hasSizeGreaterThanOrEqualTo(40);
    assertThat(hash).hasSize(64).isEqualTo(TokenHash.hex(token));
  }
}
