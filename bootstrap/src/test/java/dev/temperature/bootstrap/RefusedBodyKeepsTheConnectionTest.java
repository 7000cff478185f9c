package dev.temperature.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request refused before its body was read (here an unknown query parameter, as a missing token
 * would be) leaves the connection usable: a keep-alive client's next request on it is answered. The
 * body arrives after the refusal could have been sent, as a client that writes headers and body
 * separately sends it; the server then found the body unread and closed the connection without
 * saying so, and the next request got no answer.
 */
class RefusedBodyKeepsTheConnectionTest {
  @TempDir static Path directory;
  private static RunningApi api;

  @BeforeAll
  static void start() throws Exception {
    api = new RunningApi(directory.resolve("keep-alive.db"));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void theNextRequestOnTheConnectionIsAnsweredAfterARefusedBody() throws Exception {
    byte[] body = "{\"temperature\": 21.5}".getBytes(StandardCharsets.US_ASCII);
    try (Socket socket = new Socket("localhost", api.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));

      out.write(
          ("POST /api/v1/buildings/main/rooms/kitchen/temperatures?unknown=1 HTTP/1.1\r\n"
                  + "Host: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread.sleep(300);
      out.write(body);
      out.flush();
      Answer refused = Answer.read(in);
      assertThat(refused.statusLine()).startsWith("HTTP/1.1 400");

      out.write(
          "GET /api/v1/buildings HTTP/1.1\r\nHost: localhost\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(Answer.read(in).statusLine()).startsWith("HTTP/1.1 200");
    }
  }

  /** A response's status line, its headers skipped and its body read by Content-Length. */
  private record Answer(String statusLine) {
    static Answer read(BufferedReader in) throws IOException {
      String status = in.readLine();
      assertThat(status).as("an answer on the same connection").isNotNull();
      int length = 0;
      for (String header = in.readLine(); header != null && !header.isEmpty(); ) {
        if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(header.substring(15).strip());
        }
        header = in.readLine();
      }
      char[] content = new char[length];
      int read = 0;
      while (read < length) {
        int n = in.read(content, read, length - read);
        if (n < 0) {
          break;
        }
        read += n;
      }
      return new Answer(status);
    }
  }
}
