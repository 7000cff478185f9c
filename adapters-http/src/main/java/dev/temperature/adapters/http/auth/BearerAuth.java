package dev.temperature.adapters.http.auth;

import io.dropwizard.auth.AuthFilter;
import jakarta.annotation.Priority;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;

/**
 * Bearer tokens on the operations that need them. Each resource method names its role with
 * {@code @RolesAllowed}; whether that role is checked depends on the policy ({@code auth.writes}
 * for the writer role, {@code auth.reads} for the reader role). Where it is, the token is
 * authenticated (401 otherwise) and a role check follows (403 otherwise). This replaces
 * Dropwizard's AuthDynamicFeature, which cannot switch a role off.
 *
 * <p>The token comes as {@code Authorization: Bearer <token>} or, as InfluxDB's clients and
 * Telegraf send it to the write endpoints, {@code Authorization: Token <token>}: the same token
 * either way.
 */
public final class BearerAuth implements DynamicFeature {
  static final String REALM = "temperature-api";

  private final AccessPolicy policy;
  private final AuthFilter<String, Caller> authenticate;

  public BearerAuth(AccessPolicy policy) {
    this.policy = policy;
    this.authenticate =
        new BearerOrToken.Builder()
            .setAuthenticator(new TokenAuthenticator(policy.tokens()))
            .setAuthorizer((caller, role, request) -> caller.roles().contains(role))
            .setPrefix("Bearer")
            .setRealm(REALM)
            .setUnauthorizedHandler(new ProblemUnauthorizedHandler())
            .buildAuthFilter();
  }

  /** The filters to register with Jersey besides this feature. */
  public List<Object> companions() {
    return List.of(new RefuseTokenInUrl());
  }

  @Override
  public void configure(ResourceInfo resource, FeatureContext context) {
    RolesAllowed allowed = resource.getResourceMethod().getAnnotation(RolesAllowed.class);
    if (allowed == null) {
      return;
    }
    for (String role : allowed.value()) {
      if (required(role)) {
        context.register(authenticate, Priorities.AUTHENTICATION);
        context.register(new RequireRole(role), Priorities.AUTHORIZATION);
      }
    }
  }

  private boolean required(String role) {
    return switch (role) {
      case Roles.WRITER -> policy.writesRequireToken();
      case Roles.READER -> policy.readsRequireToken();
      default -> true;
    };
  }

  /** 403 for a valid token without the role. */
  @Priority(Priorities.AUTHORIZATION)
  private static final class RequireRole implements ContainerRequestFilter {
    private final String role;

    RequireRole(String role) {
      this.role = role;
    }

    @Override
    public void filter(ContainerRequestContext request) {
      if (!request.getSecurityContext().isUserInRole(role)) {
        String who =
            request.getSecurityContext().getUserPrincipal() == null
                ? "this caller"
                : "token '" + request.getSecurityContext().getUserPrincipal().getName() + "'";
        throw new ForbiddenException(who + " does not have the role '" + role + "'");
      }
    }
  }

  /**
   * Dropwizard's OAuthCredentialAuthFilter with InfluxDB's scheme name beside RFC 6750's. Unlike
   * Dropwizard's, it never reads a token from the URL ({@link RefuseTokenInUrl} refuses those).
   */
  private static final class BearerOrToken extends AuthFilter<String, Caller> {
    private static final List<String> SCHEMES = List.of("Bearer", "Token");

    @Override
    public void filter(ContainerRequestContext request) {
      String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
      String credentials = null;
      String scheme = SCHEMES.get(0);
      int space = header == null ? -1 : header.indexOf(' ');
      if (space > 0) {
        for (String known : SCHEMES) {
          if (known.equalsIgnoreCase(header.substring(0, space))) {
            scheme = known;
            credentials = header.substring(space + 1);
          }
        }
      }
      if (!authenticate(request, credentials, scheme)) {
        throw unauthorizedHandler.buildException(prefix, realm);
      }
    }

    static final class Builder extends AuthFilterBuilder<String, Caller, BearerOrToken> {
      @Override
      protected BearerOrToken newInstance() {
        return new BearerOrToken();
      }
    }
  }
}
