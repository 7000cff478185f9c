package dev.temperature.adapters.http.influxwrite;

import dev.temperature.adapters.http.problem.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

/**
 * Every error of the write endpoints in InfluxDB's shape. The refusals that happen before the
 * resource (401, 403, 405, 413, a token in the URL) and the storage failures (503, 500) are
 * answered as problem+json by the API's mappers, in one place for every endpoint; here, on the way
 * out, those of the write paths are rewritten, because InfluxDB's clients parse {@code code} and
 * {@code message} and log them. Status and headers ({@code Retry-After}, {@code WWW-Authenticate},
 * {@code Allow}) stay. Not name-bound, so that it also sees what failed before a resource was
 * matched.
 */
final class InfluxErrorFormat implements ContainerResponseFilter {
  private final long maxBodyBytes;

  InfluxErrorFormat(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  /** {@code /api/v2/write} or {@code /write}, with or without the leading slash Jersey drops. */
  static boolean isWritePath(String path) {
    String absolute = path.startsWith("/") ? path : "/" + path;
    return absolute.equals(InfluxWriteResource.PATH) || absolute.equals(InfluxV1WriteResource.PATH);
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!(response.getEntity() instanceof Problem problem)
        || !isWritePath(request.getUriInfo().getPath())) {
      return;
    }
    int status = response.getStatus();
    InfluxError error =
        new InfluxError(
            InfluxError.code(status),
            problem.detail(),
            null,
            status == 413 ? Long.valueOf(maxBodyBytes) : null);
    response.setEntity(error, response.getEntityAnnotations(), InfluxError.JSON);
    response.getHeaders().putSingle(InfluxError.CODE_HEADER, error.code());
  }
}
