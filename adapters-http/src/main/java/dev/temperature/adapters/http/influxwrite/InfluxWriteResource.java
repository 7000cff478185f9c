package dev.temperature.adapters.http.influxwrite;

import dev.temperature.adapters.http.auth.Roles;
import dev.temperature.adapters.http.lineprotocol.Precision;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * InfluxDB 2.x's write API, {@code POST /api/v2/write}, for Telegraf, the InfluxDB client libraries
 * and the gateways built on them: line protocol in, readings stored through the same use case as
 * the JSON batch. {@code org} and {@code bucket} are accepted and ignored: this service has one
 * store, and the layout of a point (measurement, tags, field), not a bucket, says what is a
 * reading. Any Content-Type is taken, as InfluxDB takes it.
 */
@Path(InfluxWriteResource.PATH)
public final class InfluxWriteResource {
  static final String PATH = "/api/v2/write";

  /** InfluxDB 2.x's precision values. */
  static final Map<String, Precision> PRECISIONS = precisions();

  private final LineProtocolWrites writes;

  InfluxWriteResource(LineProtocolWrites writes) {
    this.writes = Objects.requireNonNull(writes);
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @RolesAllowed(Roles.WRITER)
  public Response write(
      @QueryParam("org") String org,
      @QueryParam("bucket") String bucket,
      @QueryParam("precision") String precision,
      @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
      InputStream body)
      throws IOException {
    return writes.write(PRECISIONS, precision, contentEncoding, body);
  }

  private static Map<String, Precision> precisions() {
    Map<String, Precision> precisions = new LinkedHashMap<>();
    precisions.put("ns", Precision.NANOSECONDS);
    precisions.put("us", Precision.MICROSECONDS);
    precisions.put("ms", Precision.MILLISECONDS);
    precisions.put("s", Precision.SECONDS);
    return Collections.unmodifiableMap(precisions);
  }
}
