package dev.temperature.bootstrap.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.temperature.adapters.http.problem.Problem;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Lets only requests from this host through: Dropwizard's admin tasks change state (log levels, a
 * full GC) without authentication, and a container has to open the admin port to every interface
 * for its probes and scrapes. Requests from anywhere else get a 403 problem.
 */
final class LoopbackOnly implements Filter {
  // Jetty reports the peer as an IP literal; anything else (a name, an empty string, which
  // InetAddress would resolve to localhost) is never taken for loopback.
  private static final Pattern IP_LITERAL =
      Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|\\[?[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*]?");

  private final byte[] forbidden;

  LoopbackOnly(ObjectMapper json) throws IOException {
    forbidden =
        json.writeValueAsBytes(
            Problem.of(
                403,
                "admin tasks answer only requests from this host; run them there, e.g. curl -X"
                    + " POST http://127.0.0.1:<admin port>/tasks/gc inside the container"));
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
    if (isLoopback(request.getRemoteAddr())) {
      chain.doFilter(request, response);
      return;
    }
    HttpServletResponse http = (HttpServletResponse) response;
    http.setStatus(403);
    http.setContentType(Problem.MEDIA_TYPE);
    http.getOutputStream().write(forbidden);
  }
}
