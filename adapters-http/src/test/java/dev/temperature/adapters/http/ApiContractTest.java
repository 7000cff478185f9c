package dev.temperature.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import dev.temperature.adapters.http.auth.AccessPolicy;
import dev.temperature.adapters.http.docs.ApiDocumentResource;
import dev.temperature.adapters.http.influxwrite.InfluxError;
import dev.temperature.adapters.http.model.AlertsResponse;
import dev.temperature.adapters.http.model.AverageResponse;
import dev.temperature.adapters.http.model.BuildingOverviewResponse;
import dev.temperature.adapters.http.model.ReadingListResponse;
import dev.temperature.adapters.http.model.ReadingResponse;
import dev.temperature.adapters.http.model.SeriesResponse;
import dev.temperature.adapters.http.model.StatisticsResponse;
import dev.temperature.adapters.http.problem.FieldError;
import dev.temperature.adapters.http.problem.Problem;
import dev.temperature.adapters.http.resources.BuildingResource;
import dev.temperature.adapters.http.resources.ReadingBatchResource;
import dev.temperature.adapters.http.resources.ReadingParser;
import dev.temperature.application.port.out.InMemoryReadingStore;
import io.dropwizard.jackson.Jackson;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.glassfish.jersey.server.model.Parameter;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.Test;

/**
 * Keeps the hand-written OpenAPI document honest: its routes, parameters, roles and schemas are
 * compared with what Jersey builds from the resources RestApi registers, in both directions, so a
 * route added without documentation (or documented but gone) fails the build.
 */
class ApiContractTest {
  private static final JsonNode DOCUMENT = ApiDocumentResource.document();
  private static final Set<String> HTTP_METHODS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

  /**
   * Served next to the API but not part of the API they describe: the document itself and its page,
   * and the dashboard, a client of the API. Listing them in the document would make the reference
   * page list itself.
   */
  private static final Set<String> NOT_IN_CONTRACT =
      Set.of(
          "GET /openapi.yaml",
          "GET /openapi.json",
          "GET /docs",
          "GET /docs/assets/{file}",
          "GET /dashboard",
          "GET /dashboard/assets/{file}");

  /** Each response schema of the document and the Java type Jackson writes for it. */
  private static final Map<String, Class<?>> SCHEMAS =
      Map.ofEntries(
          Map.entry("ReadingResponse", ReadingResponse.class),
          Map.entry("Stored", ReadingBatchResource.Stored.class),
          Map.entry("AverageResponse", AverageResponse.class),
          Map.entry("StatisticsResponse", StatisticsResponse.class),
          Map.entry("SeriesResponse", SeriesResponse.class),
          Map.entry("Bucket", SeriesResponse.Bucket.class),
          Map.entry("ReadingListResponse", ReadingListResponse.class),
          Map.entry("ReadingListItem", ReadingListResponse.Item.class),
          Map.entry("BuildingOverviewResponse", BuildingOverviewResponse.class),
          Map.entry("RoomOverview", BuildingOverviewResponse.Room.class),
          Map.entry("Buildings", BuildingResource.Buildings.class),
          Map.entry("Rooms", BuildingResource.Rooms.class),
          Map.entry("Alerts", AlertsResponse.class),
          Map.entry("Alert", AlertsResponse.Item.class),
          Map.entry("Problem", Problem.class),
          Map.entry("InfluxError", InfluxError.class),
          Map.entry("FieldError", FieldError.class));

  private final Map<String, ResourceMethod> routes = routes();

  @Test
  void everyRouteTheServerExposesIsDocumented() {
    Set<String> undocumented = new TreeSet<>(routes.keySet());
    undocumented.removeAll(operations().keySet());
    undocumented.removeAll(NOT_IN_CONTRACT);
    assertThat(undocumented).as("routes missing from openapi.yaml").isEmpty();
  }

  @Test
  void everyDocumentedRouteExists() {
    Set<String> phantom = new TreeSet<>(operations().keySet());
    phantom.removeAll(routes.keySet());
    assertThat(phantom).as("documented routes that no resource serves").isEmpty();
  }

  @Test
  void theRoutesLeftOutOfTheDocumentExist() {
    assertThat(routes.keySet()).containsAll(NOT_IN_CONTRACT);
    assertThat(operations().keySet()).doesNotContainAnyElementsOf(NOT_IN_CONTRACT);
  }

  @Test
  void everyOperationDocumentsExactlyThePathAndQueryParametersOfItsMethod() {
    operations()
        .forEach(
            (route, operation) -> {
              ResourceMethod method = routes.get(route);
              if (method == null) {
                return; // reported by everyDocumentedRouteExists
              }
              Set<String> inCode = new TreeSet<>();
              for (Parameter parameter : method.getInvocable().getParameters()) {
                switch (parameter.getSource()) {
                  case PATH -> inCode.add("path:" + parameter.getSourceName());
                  case QUERY -> inCode.add("query:" + parameter.getSourceName());
                  case BEAN_PARAM -> inCode.addAll(beanParameters(parameter.getRawType()));
                  default -> {}
                }
              }
              assertThat(documentedParameters(route, operation)).as(route).isEqualTo(inCode);
            });
  }

  /**
   * A parameter, or a field of an exploded object parameter, whose schema states no type admits
   * arrays and objects, so a tool that looks for a value breaking the schema may take an empty
   * array; form style writes that as nothing at all, and the request the server gets is a valid
   * one. Schemathesis did exactly that with a period's {@code from: []} (sent as no {@code from},
   * answered 200, reported as invalid data accepted). On the wire every value is text: the schemas
   * say which.
   */
  @Test
  void everyParameterStatesItsScalarType() {
    Map<String, String> types = new TreeMap<>();
    operations()
        .forEach(
            (route, operation) -> {
              for (JsonNode parameter : parametersOf(route, operation)) {
                JsonNode resolved = resolve(parameter);
                String name = route + " " + resolved.path("in").asText() + ":";
                JsonNode schema = resolve(resolved.path("schema"));
                if ("object".equals(schema.path("type").asText())) {
                  schema
                      .path("properties")
                      .fields()
                      .forEachRemaining(
                          field ->
                              types.put(
                                  name + field.getKey(),
                                  resolve(field.getValue()).path("type").asText("none")));
                } else {
                  types.put(
                      name + resolved.path("name").asText(), schema.path("type").asText("none"));
                }
              }
            });
    assertThat(types).isNotEmpty();
    assertThat(types)
        .as("the type of each parameter on the wire")
        .allSatisfy((name, type) -> assertThat(type).as(name).isIn("string", "integer"));
  }

  @Test
  void everyOperationNeedsTheRoleItsMethodIsAllowedFor() {
    operations()
        .forEach(
            (route, operation) -> {
              ResourceMethod method = routes.get(route);
              if (method == null) {
                return;
              }
              RolesAllowed allowed =
                  method.getInvocable().getDefinitionMethod().getAnnotation(RolesAllowed.class);
              assertThat(allowed).as(route + " has @RolesAllowed").isNotNull();
              JsonNode security = operation.path("security");
              assertThat(security.size()).as(route + " security").isEqualTo(1);
              assertThat(texts(security.get(0).path("bearerAuth")))
                  .as(route + " roles")
                  .isEqualTo(Set.of(allowed.value()));
            });
  }

  @Test
  void theBearerSchemeIsDeclared() {
    JsonNode scheme = DOCUMENT.at("/components/securitySchemes/bearerAuth");
    assertThat(scheme.path("type").asText()).isEqualTo("http");
    assertThat(scheme.path("scheme").asText()).isEqualTo("bearer");
    assertThat(scheme.path("description").asText()).contains("auth.writes", "auth.reads");
  }

  @Test
  void everyOperationDeclaresTheProblemsItCanAnswer() {
    operations()
        .forEach(
            (route, operation) -> {
              JsonNode responses = operation.path("responses");
              Set<String> expected = new TreeSet<>(Set.of("400", "401", "403", "500", "503"));
              if (route.startsWith("POST ")) {
                expected.addAll(Set.of("413", "415"));
              } else {
                expected.addAll(Set.of("304", "412"));
              }
              assertThat(fieldNames(responses)).as(route).containsAll(expected);
              // InfluxDB's write API answers errors in InfluxDB's shape, which its clients parse.
              boolean influx = texts(operation.path("tags")).contains("gateways");
              for (String status : fieldNames(responses)) {
                JsonNode response = resolve(responses.get(status));
                if (Integer.parseInt(status) >= 400) {
                  assertThat(
                          response
                              .at(
                                  influx
                                      ? "/content/application~1json/schema/$ref"
                                      : "/content/application~1problem+json/schema/$ref")
                              .asText())
                      .as(route + " " + status)
                      .isEqualTo(
                          influx
                              ? "#/components/schemas/InfluxError"
                              : "#/components/schemas/Problem");
                }
              }
              if (route.startsWith("GET ")) {
                JsonNode ok = resolve(responses.path("200"));
                assertThat(fieldNames(ok.path("headers")))
                    .as(route + " 200 headers")
                    .contains("ETag", "Cache-Control");
              }
            });
  }

  @Test
  void responseSchemasHaveTheFieldsJacksonWrites() {
    ObjectMapper json = RestApi.configure(Jackson.newObjectMapper());
    SCHEMAS.forEach(
        (schema, type) -> {
          Set<String> written =
              json
                  .getSerializationConfig()
                  .introspect(json.constructType(type))
                  .findProperties()
                  .stream()
                  .map(BeanPropertyDefinition::getName)
                  .collect(Collectors.toCollection(TreeSet::new));
          assertThat(schemaProperties(schema)).as(schema).isEqualTo(written);
        });
  }

  @Test
  void requestSchemasHaveTheFieldsTheResourcesAccept() {
    assertThat(schemaProperties("ReadingRequest")).isEqualTo(ReadingParser.BODY_FIELDS);
    assertThat(schemaProperties("BatchReading")).isEqualTo(ReadingParser.ITEM_FIELDS);
  }

  @Test
  void everyReferenceResolves() {
    List<String> refs = new ArrayList<>();
    collectRefs(DOCUMENT, refs);
    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(ref).startsWith("#/");
      assertThat(DOCUMENT.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
    }
  }

  @Test
  void theDocumentIsOpenApi31() {
    assertThat(DOCUMENT.path("openapi").asText()).isEqualTo("3.1.0");
  }

  /** METHOD + full path template of every resource method Jersey builds from RestApi. */
  private static Map<String, ResourceMethod> routes() {
    List<Object> components =
        TestApi.restApi(new InMemoryReadingStore(), AccessPolicy.OPEN, Duration.ofSeconds(5))
            .components(Jackson.newObjectMapper());
    Map<String, ResourceMethod> routes = new TreeMap<>();
    for (Object component : components) {
      if (component.getClass().isAnnotationPresent(Path.class)) {
        collect(Resource.from(component.getClass()), "", routes);
      }
    }
    assertThat(routes).as("RestApi registers resources").isNotEmpty();
    return routes;
  }

  private static void collect(Resource resource, String parent, Map<String, ResourceMethod> out) {
    String path = join(parent, resource.getPath());
    for (ResourceMethod method : resource.getResourceMethods()) {
      out.put(method.getHttpMethod() + " " + path, method);
    }
    for (Resource child : resource.getChildResources()) {
      collect(child, path, out);
    }
    assertThat(resource.getResourceLocator())
        .as("sub-resource locators are not followed by this test; extend it first")
        .isNull();
  }

  /** Joins path templates, one slash between segments, regular expressions dropped. */
  private static String join(String parent, String path) {
    String joined = ("/" + parent + "/" + (path == null ? "" : path)).replaceAll("/+", "/");
    joined = joined.replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}");
    return joined.length() > 1 && joined.endsWith("/")
        ? joined.substring(0, joined.length() - 1)
        : joined;
  }

  /** METHOD + path of every operation in the document. */
  private static Map<String, JsonNode> operations() {
    Map<String, JsonNode> operations = new LinkedHashMap<>();
    DOCUMENT
        .path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        entry -> {
                          if (HTTP_METHODS.contains(entry.getKey())) {
                            operations.put(
                                entry.getKey().toUpperCase() + " " + path.getKey(),
                                entry.getValue());
                          }
                        }));
    assertThat(operations).as("the document has operations").isNotEmpty();
    return operations;
  }

  /** The parameters of an operation: those of its path, then its own. */
  private static List<JsonNode> parametersOf(String route, JsonNode operation) {
    String path = route.substring(route.indexOf(' ') + 1);
    List<JsonNode> parameters = new ArrayList<>();
    DOCUMENT.path("paths").path(path).path("parameters").forEach(parameters::add);
    operation.path("parameters").forEach(parameters::add);
    return parameters;
  }

  private static Set<String> documentedParameters(String route, JsonNode operation) {
    Set<String> names = new TreeSet<>();
    for (JsonNode parameter : parametersOf(route, operation)) {
      JsonNode resolved = resolve(parameter);
      String in = resolved.path("in").asText();
      if (!Set.of("path", "query").contains(in)) {
        continue;
      }
      JsonNode schema = resolve(resolved.path("schema"));
      if ("object".equals(schema.path("type").asText())) {
        // An exploded object (style form): each of its fields is a query parameter of its own.
        assertThat(resolved.path("style").asText("form")).as(route).isEqualTo("form");
        assertThat(resolved.path("explode").asBoolean(true)).as(route).isTrue();
        fieldNames(schema.path("properties")).forEach(field -> names.add(in + ":" + field));
      } else {
        names.add(in + ":" + resolved.path("name").asText());
      }
    }
    return names;
  }

  /** The path and query parameters a {@code @BeanParam} class reads, in fields or setters. */
  private static Set<String> beanParameters(Class<?> bean) {
    Set<String> parameters = new TreeSet<>();
    List<AnnotatedElement> members = new ArrayList<>();
    for (Class<?> type = bean; type != null && type != Object.class; type = type.getSuperclass()) {
      members.addAll(List.of(type.getDeclaredFields()));
      members.addAll(List.of(type.getDeclaredMethods()));
    }
    for (AnnotatedElement member : members) {
      PathParam path = member.getAnnotation(PathParam.class);
      QueryParam query = member.getAnnotation(QueryParam.class);
      if (path != null) {
        parameters.add("path:" + path.value());
      }
      if (query != null) {
        parameters.add("query:" + query.value());
      }
      if (member.isAnnotationPresent(BeanParam.class)) {
        parameters.addAll(
            beanParameters(
                member instanceof Field field
                    ? field.getType()
                    : ((Method) member).getParameterTypes()[0]));
      }
    }
    return parameters;
  }

  private static Set<String> schemaProperties(String schema) {
    JsonNode properties = DOCUMENT.path("components").path("schemas").path(schema);
    assertThat(properties.isMissingNode()).as("schema " + schema).isFalse();
    return fieldNames(properties.path("properties"));
  }

  private static JsonNode resolve(JsonNode node) {
    JsonNode ref = node.get("$ref");
    return ref == null ? node : resolve(DOCUMENT.at(ref.asText().substring(1)));
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject() && node.has("$ref")) {
      refs.add(node.get("$ref").asText());
    }
    node.forEach(child -> collectRefs(child, refs));
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  private static Set<String> texts(JsonNode array) {
    Set<String> texts = new TreeSet<>();
    array.forEach(item -> texts.add(item.asText()));
    return texts;
  }
}
