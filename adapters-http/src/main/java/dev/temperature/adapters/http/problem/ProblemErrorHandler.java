package dev.temperature.adapters.http.problem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Errors that Jetty answers before a request reaches Jersey: a path with an encoded slash or a NUL
 * byte, headers too large, a malformed request line. Jetty would answer those in HTML; this writes
 * the same problem+json as the rest of the API, whatever the client's Accept header says.
 */
public final class ProblemErrorHandler extends org.eclipse.jetty.server.handler.ErrorHandler {
  private static final HttpField CONTENT_TYPE =
      new HttpField(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);

  /**
   * Jetty writes an error body only for GET, POST and HEAD; a PUT with an encoded slash got an
   * empty 400. Every method gets the problem (for HEAD, Jetty drops the body anyway).
   */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected boolean generateAcceptableResponse(
      Request request,
      Response response,
      Callback callback,
      String contentType,
      List<Charset> charsets,
      int code,
      String message,
      Throwable cause)
      throws IOException {
    response.getHeaders().put(CONTENT_TYPE);
    response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    return true;
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(CONTENT_TYPE);
    return ByteBuffer.wrap(body(status, reason));
  }

  /** Jetty's messages are short and safe ("Ambiguous URI path separator"); no stack traces. */
  static byte[] body(int status, String message) {
    String detail = message == null || message.isBlank() ? Problem.reason(status) : message.strip();
    String json =
        "{\"type\":\"about:blank\",\"title\":\""
            + escape(Problem.reason(status))
            + "\",\"status\":"
            + status
            + ",\"detail\":\""
            + escape(detail)
            + "\"}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
