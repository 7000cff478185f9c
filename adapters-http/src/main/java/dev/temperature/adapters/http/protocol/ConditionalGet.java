package dev.temperature.adapters.http.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.temperature.adapters.http.problem.Problem;
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
import java.util.Optional;

/**
 * HTTP caching for every successful GET of the API: {@code Cache-Control: max-age=N} (or {@code
 * no-store} when N is 0), a strong {@code ETag} derived from the body, and the conditions of RFC
 * 9110 section 13.2.2 in its order: {@code If-Match} first ({@code 412} when it names no current
 * tag), then {@code If-None-Match} ({@code 304 Not Modified} without a body when it still matches).
 * A condition header that is empty or not a list of entity tags is ignored ({@link EntityTags}).
 * When reads need a token the answer depends on who asks, so it is {@code private} and varies by
 * {@code Authorization}.
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
    Optional<EntityTags> ifMatch = EntityTags.parse(request.getHeaders().get(HttpHeaders.IF_MATCH));
    if (ifMatch.isPresent() && !ifMatch.get().matchStrongly(tag.getValue())) {
      response.setStatus(Response.Status.PRECONDITION_FAILED.getStatusCode());
      response.getHeaders().remove(HttpHeaders.CACHE_CONTROL);
      Problem problem =
          Problem.of(
              412,
              "If-Match names no current entity tag of this answer (strong comparison); its ETag"
                  + " is now "
                  + tag);
      response.setEntity(
          json.writeValueAsBytes(problem), response.getEntityAnnotations(), Problem.MEDIA);
      return;
    }
    Optional<EntityTags> ifNoneMatch =
        EntityTags.parse(request.getHeaders().get(HttpHeaders.IF_NONE_MATCH));
    if (ifNoneMatch.isPresent() && ifNoneMatch.get().matchWeakly(tag.getValue())) {
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
