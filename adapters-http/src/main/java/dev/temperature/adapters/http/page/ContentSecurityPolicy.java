package dev.temperature.adapters.http.page;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The policy of a resource's every answer, its 404s included, in place of {@link
 * SecurityHeaders#DEFAULT_POLICY}: for a page that needs less than Swagger UI does.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ContentSecurityPolicy {
  String value();
}
