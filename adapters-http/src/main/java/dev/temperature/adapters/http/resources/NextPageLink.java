package dev.temperature.adapters.http.resources;

import dev.temperature.adapters.http.codec.Timestamps;
import dev.temperature.domain.Window;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Optional;

/**
 * The link to the next page of a paged answer (a listing, an overview, a series): the request as it
 * came, with the cursor of the last item shown.
 */
final class NextPageLink {
  private NextPageLink() {}

  /**
   * Relative, so that the link stays right behind a proxy that rewrites host or scheme. A duration
   * becomes the window it covered now: asked again later, "the last hour" would have moved, and
   * readings at its old start would never be listed.
   */
  static String of(UriInfo request, boolean lookback, Window covered, String cursor) {
    UriBuilder link = request.getRequestUriBuilder().replaceQueryParam("cursor", cursor);
    if (lookback) {
      link.replaceQueryParam("duration")
          .replaceQueryParam("from", Timestamps.format(covered.from()))
          .replaceQueryParam("to", Timestamps.format(covered.to()));
    }
    URI uri = link.build();
    return uri.getRawPath() + "?" + uri.getRawQuery();
  }

  /**
   * The link to the rest of a series: the request as it came, with the window still to answer as
   * {@code from} and {@code to} instead of the period asked.
   */
  static String rest(UriInfo request, Window rest) {
    URI uri =
        request
            .getRequestUriBuilder()
            .replaceQueryParam("duration")
            .replaceQueryParam("from", Timestamps.format(rest.from()))
            .replaceQueryParam("to", Timestamps.format(rest.to()))
            .build();
    return uri.getRawPath() + "?" + uri.getRawQuery();
  }

  /**
   * The longest link sent as a header. Jetty refuses to send a response whose headers exceed its
   * limit (8 KiB by default) and answers 500 instead; the link repeats the request's query, which
   * may be nearly that long by itself. Half the limit leaves room for the other headers.
   */
  static final int MAX_HEADER_LINK_LENGTH = 4096;

  /**
   * A 200 with {@code page}, and the {@code Link} header with {@code rel="next"} when there is one
   * short enough to send; the page's {@code next} field holds the link either way.
   */
  static Response answer(Object page, Optional<String> next) {
    Response.ResponseBuilder answer = Response.ok(page);
    next.filter(link -> link.length() <= MAX_HEADER_LINK_LENGTH)
        .ifPresent(link -> answer.header("Link", "<" + link + ">; rel=\"next\""));
    return answer.build();
  }
}
