package dev.temperature.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Declares what a test class or method needs outside the JVM. The test is tagged {@value #TAG}, so
 * that Maven runs it in the integration-test phase (failsafe) and {@code make check} leaves it out.
 * When a service is missing, it is skipped on a workstation with a message that says how to start
 * the service, and fails in CI ({@code CI=true}), where a missing service means the provisioning
 * broke.
 *
 * <pre>
 * &#64;RequiresService(Service.POSTGRES)
 * class TimescaleSchemaTest { ... }
 * </pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag(RequiresService.TAG)
@ExtendWith(RequiredServices.class)
public @interface RequiresService {
  /** The JUnit tag of every test that needs a service; failsafe runs these, surefire the rest. */
  String TAG = "integration";

  Service[] value();
}
