package dev.temperature.adapters.http.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import java.time.Duration;
import java.util.List;

/**
 * The HTTP protocol around the resources, which no resource calls: the request body's limit and the
 * draining of a refused one, the query parameters an operation takes, caching and conditional GETs,
 * and the methods Jersey never sees. The filters stay package-private; the REST API takes them from
 * here.
 */
public final class HttpProtocol {
  private HttpProtocol() {}

  /**
   * The Jersey filters, in the form Jersey takes them.
   *
   * @param perCaller whether an answer depends on the caller's token, so that caches keep it apart
   */
  public static List<Object> filters(
      ObjectMapper json, long maxBodyBytes, Duration cacheMaxAge, boolean perCaller) {
    return List.of(
        new BodySizeLimit(maxBodyBytes),
        new DrainRefusedBody(),
        new KnownQueryParameters(),
        new ConditionalGet(json, cacheMaxAge, perCaller));
  }

  /**
   * The servlet filter that answers the methods Jersey never sees, as Jersey answers a wrong method
   * on the resources among {@code components}.
   */
  public static Filter unsupportedMethods(List<Object> components, ObjectMapper json) {
    return UnsupportedMethods.of(components, json);
  }
}
