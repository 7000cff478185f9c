package dev.temperature.bootstrap.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.temperature.adapters.http.problem.Problem;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Lets only requests from this host through, except on the few paths that probes and scrapers need:
 * a container has to open the admin port to every interface for them, and the rest of the port is
 * not for other hosts. Dropwizard's tasks change state (log levels, a full GC) without
 * authentication, {@code /threads} dumps every thread's stack and {@code /healthcheck} names the
 * database and why it fails. Requests from anywhere else get a 403 problem.
 */
final class LoopbackOnly implements Filter {
  // Jetty reports the peer as an IP literal; anything else (a name, an empty string, which
  // InetAddress would resolve to localhost) is never taken for loopback.
  private static final Pattern IP_LITERAL =
      Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|\\[?[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*]?");

  private final Set<String> openToEveryone;
  private final byte[] forbidden;

  /**
   * @param openToEveryone the paths, exactly as the admin context maps them, that answer any host
   */
  LoopbackOnly(ObjectMapper json, Set<String> openToEveryone) throws IOException {
    this.openToEveryone = Set.copyOf(openToEveryone);
    forbidden =
        json.writeValueAsBytes(
            Problem.of(
                403,
                "the admin port answers other hosts only on "
                    + String.join(", ", openToEveryone.stream().sorted().toList())
                    + "; everything else answers only requests from this host, e.g. curl"
                    + " http://127.0.0.1:<admin port>/threads inside the container"));
  }

  /**
   * The path the request is mapped by, after the server decoded and normalised it: a {@code %2e%2e}
   * or {@code ;param} cannot make a dump look like a probe.
   */
  private static String mappedPath(HttpServletRequest request) {
    return Objects.toString(request.getServletPath(), "")
        + Objects.toString(request.getPathInfo(), "");
  }

  static boolean isLoopback(String address) {
    if (address == null || !IP_LITERAL.matcher(address).matches()) {
      return false;
    }
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (isLoopback(request.getRemoteAddr())
        || openToEveryone.contains(mappedPath((HttpServletRequest) request))) {
      chain.doFilter(request, response);
      return;
    }
    HttpServletResponse http = (HttpServletResponse) response;
    http.setStatus(403);
    http.setContentType(Problem.MEDIA_TYPE);
    http.getOutputStream().write(forbidden);
  }
}
