package dev.temperature.adapters.http.auth;

import dev.temperature.adapters.http.resources.Roles;
import io.dropwizard.auth.AuthFilter;
import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import jakarta.annotation.Priority;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.util.List;

/**
 * Bearer tokens on the operations that need them. Each resource method names its role with
 * {@code @RolesAllowed}; whether that role is checked depends on the policy ({@code auth.writes}
 * for the writer role, {@code auth.reads} for the reader role). Where it is, Dropwizard's {@link
 * OAuthCredentialAuthFilter} authenticates the token (401 otherwise) and a role check follows (403
 * otherwise). This replaces Dropwizard's AuthDynamicFeature, which cannot switch a role off.
 */
public final class BearerAuth implements DynamicFeature {
  static final String REALM = "temperature-api";

  private final AccessPolicy policy;
  private final AuthFilter<String, Caller> authenticate;

  public BearerAuth(AccessPolicy policy) {
    this.policy = policy;
    this.authenticate =
        new OAuthCredentialAuthFilter.Builder<Caller>()
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
}
