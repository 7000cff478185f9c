package dev.temperature.adapters.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;

/**
 * HTTP caching for every successful GET of the API: {@code Cache-Control: max-age=N} (or {@code
 * no-store} when N is 0), a strong {@code ETag} derived from the body, and {@code 304 Not Modified}
 * without a body when the client's {@code If-None-Match} still matches. When reads need a token the
 * answer depends on who asks, so it is {@code private} and varies by {@code Authorization}.
 *
 * <p>The body is serialised here, once, and handed on as bytes, so the tag is computed over exactly
 * the bytes sent.
 */
final class ConditionalGet implements ContainerResponseFilter {
  private final ObjectMapper json;
  private final Duration maxAge;
  private final boolean perCaller;

  ConditionalGet(ObjectMapper json, Duration maxAge, boolean perCaller) {
    this.json = json;
    this.maxAge = maxAge;
    this.perCaller = perCaller;
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response)
      throws IOException {
    if (!HttpMethod.GET.equals(request.getMethod())
        || response.getStatus() != 200
        || !response.hasEntity()
        || response.getEntity() instanceof byte[]) {
      return;
    }
    byte[] body = json.writeValueAsBytes(response.getEntity());
    EntityTag tag = new EntityTag(digest(body));
    response.getHeaders().putSingle(HttpHeaders.ETAG, tag);
    response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, cacheControl());
    if (perCaller) {
      response.getHeaders().add(HttpHeaders.VARY, HttpHeaders.AUTHORIZATION);
    }
    Response.ResponseBuilder notModified = request.getRequest().evaluatePreconditions(tag);
    if (notModified != null) {
      response.setStatus(Response.Status.NOT_MODIFIED.getStatusCode());
      response.setEntity(null);
      response.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
      return;
    }
    response.setEntity(body, response.getEntityAnnotations(), MediaType.APPLICATION_JSON_TYPE);
  }

  private String cacheControl() {
    if (maxAge.isZero()) {
      return "no-store";
    }
    return (perCaller ? "private, " : "") + "max-age=" + maxAge.toSeconds();
  }

  private static String digest(byte[] body) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
