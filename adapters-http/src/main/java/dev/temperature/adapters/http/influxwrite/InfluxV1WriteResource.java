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
 * InfluxDB 1.x's write API, {@code POST /write}, as InfluxDB 2.x keeps it for older gateways: the
 * same ingest as {@code /api/v2/write}. {@code db} and {@code rp} are accepted and ignored, like
 * {@code org} and {@code bucket}; the token goes in the {@code Authorization} header, never in the
 * URL ({@code p} is refused by {@link RefuseCredentialsInUrl}).
 */
@Path(InfluxV1WriteResource.PATH)
public final class InfluxV1WriteResource {
  static final String PATH = "/write";

  /** InfluxDB 1.x's precision values, and 2.x's spellings of the first two. */
  static final Map<String, Precision> PRECISIONS = precisions();

  private final LineProtocolWrites writes;

  InfluxV1WriteResource(LineProtocolWrites writes) {
    this.writes = Objects.requireNonNull(writes);
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @RolesAllowed(Roles.WRITER)
  public Response write(
      @QueryParam("db") String db,
      @QueryParam("rp") String retentionPolicy,
      @QueryParam("precision") String precision,
      @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
      InputStream body)
      throws IOException {
    return writes.write(PRECISIONS, precision, contentEncoding, body);
  }

  private static Map<String, Precision> precisions() {
    Map<String, Precision> precisions = new LinkedHashMap<>();
    precisions.put("n", Precision.NANOSECONDS);
    precisions.put("ns", Precision.NANOSECONDS);
    precisions.put("u", Precision.MICROSECONDS);
    precisions.put("us", Precision.MICROSECONDS);
    precisions.put("ms", Precision.MILLISECONDS);
    precisions.put("s", Precision.SECONDS);
    precisions.put("m", Precision.MINUTES);
    precisions.put("h", Precision.HOURS);
    return Collections.unmodifiableMap(precisions);
  }
}
