package dev.temperature.adapters.http.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.temperature.adapters.http.problem.Problem;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * Answers the methods Jersey never sees (TRACE, CONNECT, made-up ones) the way Jersey answers a
 * wrong method: 405 in problem+json with the {@code Allow} header RFC 9110 requires, or 404 where
 * nothing is served. Dropwizard's own filter stops those methods before Jersey, which is right
 * (TRACE would echo headers back), but its bare 405 has no {@code Allow} and no body.
 *
 * <p>A servlet filter in front of Dropwizard's: the methods Jersey does route go on untouched.
 */
final class UnsupportedMethods implements Filter {
  /** Dropwizard's default {@code server.allowedMethods}: these reach Jersey. */
  static final Set<String> ROUTED =
      Set.of(
          HttpMethod.GET,
          HttpMethod.POST,
          HttpMethod.PUT,
          HttpMethod.DELETE,
          HttpMethod.HEAD,
          HttpMethod.OPTIONS,
          HttpMethod.PATCH);

  private final Map<UriTemplate, Set<String>> routes;
  private final ObjectMapper json;

  UnsupportedMethods(Map<UriTemplate, Set<String>> routes, ObjectMapper json) {
    this.routes = Map.copyOf(routes);
    this.json = json;
  }

  /** The path template and methods of every resource method among Jersey's components. */
  static UnsupportedMethods of(List<Object> components, ObjectMapper json) {
    Map<UriTemplate, Set<String>> routes = new LinkedHashMap<>();
    for (Object component : components) {
      if (component.getClass().isAnnotationPresent(Path.class)) {
        collect(Resource.from(component.getClass()), "", routes);
      }
    }
    return new UnsupportedMethods(routes, json);
  }

  private static void collect(Resource resource, String parent, Map<UriTemplate, Set<String>> out) {
    String path = (parent + "/" + resource.getPath()).replaceAll("/+", "/");
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    for (ResourceMethod method : resource.getResourceMethods()) {
      out.computeIfAbsent(new UriTemplate(path), template -> new LinkedHashSet<>())
          .add(method.getHttpMethod());
    }
    for (Resource child : resource.getChildResources()) {
      collect(child, path, out);
    }
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    if (ROUTED.contains(http.getMethod())) {
      chain.doFilter(request, response);
      return;
    }
    String path = http.getRequestURI().substring(http.getContextPath().length());
    Optional<Set<String>> allowed = allowedAt(path);
    HttpServletResponse answer = (HttpServletResponse) response;
    Problem problem;
    if (allowed.isEmpty()) {
      problem =
          Problem.of(
              404,
              "there is no resource at "
                  + path
                  + "; the API is described at /docs and /openapi.yaml");
    } else {
      String allow = String.join(", ", allowed.get());
      answer.setHeader("Allow", allow);
      problem =
          Problem.of(
              405,
              "method " + http.getMethod() + " is not allowed on " + path + "; allowed: " + allow);
    }
    answer.setStatus(problem.status());
    answer.setContentType(Problem.MEDIA_TYPE);
    answer.getOutputStream().write(json.writeValueAsBytes(problem));
  }

  /** The methods served at the path, with those Jersey adds (HEAD for a GET, OPTIONS). */
  Optional<Set<String>> allowedAt(String path) {
    for (Map.Entry<UriTemplate, Set<String>> route : routes.entrySet()) {
      if (route.getKey().match(path, new ArrayList<>())) {
        Set<String> allowed = new LinkedHashSet<>(route.getValue());
        if (allowed.contains(HttpMethod.GET)) {
          allowed.add(HttpMethod.HEAD);
        }
        allowed.add(HttpMethod.OPTIONS);
        return Optional.of(allowed);
      }
    }
    return Optional.empty();
  }
}
