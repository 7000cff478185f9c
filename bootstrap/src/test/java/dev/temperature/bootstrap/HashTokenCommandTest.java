package dev.temperature.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.temperature.adapters.http.auth.TokenHash;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
    System.setIn(new ByteArrayInputStream("my-token\n".getBytes(StandardCharsets.UTF_8)));
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));

    new TemperatureApiApplication().run("hash-token");

    // Computed independently: printf my-token | sha256sum
    assertThat(printed.toString(StandardCharsets.UTF_8).strip())
        .isEqualTo("fece50d2287f7245aea5819b75f95ee8bec295a14f8ef1e7a31f17f1dae9df44");
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
