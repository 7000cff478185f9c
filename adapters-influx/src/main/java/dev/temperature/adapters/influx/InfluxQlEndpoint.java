package dev.temperature.adapters.influx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * InfluxDB's {@code /query} endpoint (InfluxQL, served by 1.8+, 2.x and 3.x), called directly.
 *
 * <p>Not through the client library's InfluxQLQueryApi: InfluxDB reports a failed statement
 * ("database not found", a query timeout) inside a 200 answer, as an {@code error} member of the
 * JSON result, and as an empty body in CSV; the library's parsers drop it, so a failure would read
 * as a window without readings. Here any error is an exception.
 */
final class InfluxQlEndpoint {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OkHttpClient http;
  private final HttpUrl query;
  private final String token;

  InfluxQlEndpoint(OkHttpClient http, String url, String token) {
    this.http = http;
    HttpUrl base = HttpUrl.parse(url);
    if (base == null) {
      throw new IllegalArgumentException("not an http(s) URL: " + url);
    }
    this.query = base.newBuilder().addPathSegment("query").build();
    this.token = token;
  }

  /** Runs one statement and returns its result object ({@code results[0]}). */
  JsonNode run(String database, String statement) {
    return run(database, List.of(statement)).get(0);
  }

  /**
   * Runs the statements in one request, in order, and returns their result objects ({@code
   * results[i]} for the i-th statement). A failure of any of them fails the whole call.
   */
  List<JsonNode> run(String database, List<String> statements) {
    // In a form body, not the URL: a daily series in a half-hour zone asks two statements a day,
    // and 2,000 days of them made a URL InfluxDB refused (431 Request Header Fields Too Large).
    Request request =
        new Request.Builder()
            .url(query)
            .header("Authorization", "Token " + token)
            .header("Accept", "application/json")
            .post(
                new FormBody.Builder()
                    .add("db", database)
                    .add("q", String.join(";\n", statements))
                    .add("epoch", "ms")
                    .build())
            .build();
    try (Response response = http.newCall(request).execute()) {
      ResponseBody body = response.body();
      String text = body == null ? "" : body.string();
      if (!response.isSuccessful()) {
        throw new InfluxQlException(
            response.code(),
            "InfluxQL query failed with HTTP " + response.code() + ": " + shorten(text));
      }
      JsonNode root = JSON.readTree(text);
      if (root.hasNonNull("error")) {
        throw new InfluxQlException("InfluxQL query failed: " + root.get("error").asText());
      }
      List<JsonNode> results = new ArrayList<>(statements.size());
      for (int i = 0; i < statements.size(); i++) {
        JsonNode result = root.path("results").path(i);
        if (result.hasNonNull("error")) {
          throw new InfluxQlException("InfluxQL query failed: " + result.get("error").asText());
        }
        if (result.isMissingNode()) {
          throw new InfluxQlException("InfluxQL answer without results: " + shorten(text));
        }
        results.add(result);
      }
      return results;
    } catch (IOException e) {
      throw new UncheckedIOException("InfluxQL query did not complete: " + e.getMessage(), e);
    }
  }

  private static String shorten(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }

  /**
   * InfluxDB refused or failed a statement. {@link #status()} is the HTTP status when InfluxDB
   * answered with an error status, 0 when it reported the error inside a 200 (a missing database
   * mapping, a timeout) or the answer was not what a statement returns.
   */
  static final class InfluxQlException extends RuntimeException {
    private final int status;

    InfluxQlException(String message) {
      this(0, message);
    }

    InfluxQlException(int status, String message) {
      super(message);
      this.status = status;
    }

    int status() {
      return status;
    }
  }
}
