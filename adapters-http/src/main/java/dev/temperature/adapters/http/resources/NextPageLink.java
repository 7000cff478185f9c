package dev.temperature.adapters.http.resources;

import dev.temperature.adapters.http.model.Cursor;
import dev.temperature.adapters.http.model.Timestamps;
import dev.temperature.domain.Window;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Instant;

/**
 * The link to the next (older) page of a listing: the request as it came, with the cursor of the
 * last reading shown.
 */
final class NextPageLink {
  private NextPageLink() {}

  /**
   * Relative, so that the link stays right behind a proxy that rewrites host or scheme. A duration
   * becomes the window it covered now: asked again later, "the last hour" would have moved, and
   * readings at its old start would never be listed.
   */
  static String of(UriInfo request, ListingParameters asked, Window covered, Instant before) {
    UriBuilder link =
        request.getRequestUriBuilder().replaceQueryParam("cursor", Cursor.encode(before));
    if (asked.lookback()) {
      link.replaceQueryParam("duration")
          .replaceQueryParam("from", Timestamps.format(covered.from()))
          .replaceQueryParam("to", Timestamps.format(covered.to()));
    }
    URI uri = link.build();
    return uri.getRawPath() + "?" + uri.getRawQuery();
  }
}
