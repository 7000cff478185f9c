package dev.temperature.adapters.http.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The servlet filter for the methods Jersey never sees, without a server: the request and answer
 * are the few servlet calls the filter makes, recorded.
 */
class UnsupportedMethodsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Path("/things/")
  public static final class Things {
    @GET
    public String list() {
      return "";
    }

    @POST
    public String add() {
      return "";
    }

    @GET
    @Path("{id}")
    public String one() {
      return "";
    }

    @DELETE
    @Path("{id}")
    public String remove() {
      return "";
    }
  }

  @Path("//store//")
  public static final class Store {
    @PUT
    public String put() {
      return "";
    }
  }

  /** Not a resource: no {@code @Path}, so none of its methods is a route. */
  public static final class NotAResource {
    @GET
    @Path("/elsewhere")
    public String get() {
      return "";
    }
  }

  private final UnsupportedMethods filter =
      UnsupportedMethods.of(List.of(new Things(), new Store(), new NotAResource()), JSON);

  @Test
  void aPathServedByGetAllowsHeadAndOptionsToo() {
    assertThat(filter.allowedAt("/things"))
        .hasValueSatisfying(
            methods ->
                assertThat(methods).containsExactlyInAnyOrder("GET", "POST", "HEAD", "OPTIONS"));
  }

  @Test
  void aChildPathHasItsOwnMethods() {
    assertThat(filter.allowedAt("/things/42"))
        .hasValueSatisfying(
            methods ->
                assertThat(methods).containsExactlyInAnyOrder("GET", "DELETE", "HEAD", "OPTIONS"));
  }

  @Test
  void aPathWithoutGetHasNoHead() {
    // The resource's path is written with doubled and trailing slashes: collapsed, then matched.
    assertThat(filter.allowedAt("/store"))
        .hasValueSatisfying(methods -> assertThat(methods).containsExactly("PUT", "OPTIONS"));
  }

  @Test
  void nothingIsServedOutsideTheResources() {
    assertThat(filter.allowedAt("/elsewhere")).isEmpty();
    assertThat(filter.allowedAt("/things/42/more")).isEmpty();
    assertThat(filter.allowedAt("/")).isEmpty();
  }

  @Test
  void aRoutedMethodGoesOnToJerseyUntouched() throws Exception {
    for (String method : UnsupportedMethods.ROUTED) {
      Exchange exchange = new Exchange(method, "/api", "/api/nowhere");

      exchange.filter(filter);

      assertThat(exchange.passedOn).as(method).isTrue();
      assertThat(exchange.status).as(method).isZero();
      assertThat(exchange.body.size()).as(method).isZero();
    }
  }

  @Test
  void anUnroutedMethodOnAServedPathIs405WithAllow() throws Exception {
    Exchange exchange = new Exchange("TRACE", "/api", "/api/things/7");

    exchange.filter(filter);

    assertThat(exchange.passedOn).isFalse();
    assertThat(exchange.status).isEqualTo(405);
    // The resource's own methods in Jersey's order, then those Jersey adds.
    String allow = exchange.headers.get("Allow");
    assertThat(allow).isIn("GET, DELETE, HEAD, OPTIONS", "DELETE, GET, HEAD, OPTIONS");
    assertThat(exchange.contentType).isEqualTo("application/problem+json");
    JsonNode problem = exchange.json();
    assertThat(problem.get("status").asInt()).isEqualTo(405);
    assertThat(problem.get("detail").asText())
        .isEqualTo("method TRACE is not allowed on /things/7; allowed: " + allow);
  }

  @Test
  void anUnroutedMethodWhereNothingIsServedIs404() throws Exception {
    Exchange exchange = new Exchange("BREW", "", "/coffee");

    exchange.filter(filter);

    assertThat(exchange.passedOn).isFalse();
    assertThat(exchange.status).isEqualTo(404);
    assertThat(exchange.headers).doesNotContainKey("Allow");
    assertThat(exchange.contentType).isEqualTo("application/problem+json");
    assertThat(exchange.json().get("detail").asText())
        .isEqualTo(
            "there is no resource at /coffee; the API is described at /docs and /openapi.yaml");
  }

  /** One request through the filter, and what it answered. */
  private static final class Exchange {
    final String method;
    final String contextPath;
    final String uri;
    boolean passedOn;
    int status;
    String contentType;
    final Map<String, String> headers = new HashMap<>();
    final ByteArrayOutputStream body = new ByteArrayOutputStream();

    Exchange(String method, String contextPath, String uri) {
      this.method = method;
      this.contextPath = contextPath;
      this.uri = uri;
    }

    void filter(UnsupportedMethods filter) throws Exception {
      FilterChain chain = (request, response) -> passedOn = true;
      filter.doFilter(request(), response(), chain);
    }

    JsonNode json() throws Exception {
      return JSON.readTree(body.toByteArray());
    }

    private HttpServletRequest request() {
      return proxy(
          HttpServletRequest.class,
          (name, args) ->
              switch (name) {
                case "getMethod" -> method;
                case "getRequestURI" -> uri;
                case "getContextPath" -> contextPath;
                default -> throw new UnsupportedOperationException(name);
              });
    }

    private HttpServletResponse response() {
      ServletOutputStream out =
          new ServletOutputStream() {
            @Override
            public boolean isReady() {
              return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
              throw new UnsupportedOperationException();
            }

            @Override
            public void write(int b) {
              body.write(b);
            }
          };
      return proxy(
          HttpServletResponse.class,
          (name, args) ->
              switch (name) {
                case "setStatus" -> {
                  status = (Integer) args[0];
                  yield null;
                }
                case "setHeader" -> {
                  headers.put((String) args[0], (String) args[1]);
                  yield null;
                }
                case "setContentType" -> {
                  contentType = (String) args[0];
                  yield null;
                }
                case "getOutputStream" -> out;
                default -> throw new UnsupportedOperationException(name);
              });
    }
  }

  private interface Call {
    Object answer(String name, Object[] args);
  }

  private static <T> T proxy(Class<T> type, Call call) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (self, method, args) -> call.answer(method.getName(), args)));
  }
}
