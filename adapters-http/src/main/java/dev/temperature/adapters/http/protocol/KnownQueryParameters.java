package dev.temperature.adapters.http.protocol;

import dev.temperature.adapters.http.problem.FieldError;
import dev.temperature.adapters.http.problem.InvalidRequestException;
import jakarta.annotation.Priority;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses a query parameter that the API operation does not take, as an unknown field of a body is
 * refused (ADR 0003): a misspelt {@code durration=15m} would otherwise be dropped and the listing
 * answer every reading. It also keeps the API document exact, where an operation's query parameters
 * are a closed set ({@code additionalProperties: false} in the period objects). Only the operations
 * of the API (those with a role) are checked; pages such as the dashboard keep their own
 * parameters.
 */
@Priority(Priorities.USER)
final class KnownQueryParameters implements ContainerRequestFilter {
  private final Map<Method, Set<String>> known = new ConcurrentHashMap<>();

  @Context private ResourceInfo resource;

  @Override
  public void filter(ContainerRequestContext request) {
    Method method = resource == null ? null : resource.getResourceMethod();
    if (method == null || !method.isAnnotationPresent(RolesAllowed.class)) {
      return;
    }
    Set<String> taken = known.computeIfAbsent(method, KnownQueryParameters::queryParameters);
    List<FieldError> unknown = new ArrayList<>();
    Map<String, List<String>> given = request.getUriInfo().getQueryParameters();
    for (String name : new TreeSet<>(given.keySet())) {
      if (!taken.contains(name)) {
        unknown.add(
            FieldError.inQuery(
                name,
                "unknown query parameter; this operation takes "
                    + (taken.isEmpty() ? "none" : String.join(", ", taken))));
      } else if (given.get(name).size() > 1) {
        // Jersey would hand the resource the first value and drop the rest unseen: `limit=&limit=x`
        // would answer as if no limit were asked. No parameter of the API is a list.
        unknown.add(
            FieldError.inQuery(
                name, "given " + given.get(name).size() + " times; give it at most once"));
      }
    }
    // Jersey drops a parameter without a name (`?=x`); it is no parameter this operation takes.
    String raw = request.getUriInfo().getRequestUri().getRawQuery();
    if (raw != null && ("&" + raw).matches(".*&=.*")) {
      unknown.add(FieldError.inQuery("", "a query parameter needs a name"));
    }
    if (!unknown.isEmpty()) {
      throw new InvalidRequestException(unknown);
    }
  }

  private static Set<String> queryParameters(Method method) {
    SortedSet<String> names = new TreeSet<>();
    for (Annotation[] annotations : method.getParameterAnnotations()) {
      for (Annotation annotation : annotations) {
        if (annotation instanceof QueryParam query) {
          names.add(query.value());
        }
      }
    }
    return Collections.unmodifiableSortedSet(names);
  }
}
