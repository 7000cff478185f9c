package dev.temperature.testing;

import java.lang.reflect.AnnotatedElement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;

/**
 * The one place that decides what happens to a test whose service is missing: skipped on a
 * workstation, failed in CI. Registered by {@link RequiresService}; never used directly.
 */
public final class RequiredServices implements ExecutionCondition {
  /** A machine's services do not come and go during one run; asking once is enough. */
  private static final Map<Service, Optional<String>> FOUND = new ConcurrentHashMap<>();

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Set<Service> needed = EnumSet.noneOf(Service.class);
    context
        .getElement()
        .flatMap(element -> declared(element))
        .ifPresent(annotation -> needed.addAll(List.of(annotation.value())));
    if (needed.isEmpty()) {
      return ConditionEvaluationResult.enabled("needs no service");
    }
    Path root = Repository.root();
    Verdict verdict =
        verdict(
            needed,
            service -> FOUND.computeIfAbsent(service, s -> s.missing(System::getenv, root)),
            "true".equalsIgnoreCase(System.getenv("CI")));
    if (verdict.fail()) {
      throw new AssertionFailedError(verdict.reason());
    }
    return verdict.run()
        ? ConditionEvaluationResult.enabled(verdict.reason())
        : ConditionEvaluationResult.disabled(verdict.reason());
  }

  private static Optional<RequiresService> declared(AnnotatedElement element) {
    return AnnotationSupport.findAnnotation(element, RequiresService.class);
  }

  /** Run, skip with the reason, or fail with it. */
  record Verdict(boolean run, boolean fail, String reason) {}

  /**
   * What to do with a test that needs {@code services}, given what each lacks on this machine and
   * whether this is CI.
   */
  static Verdict verdict(
      Set<Service> services, Function<Service, Optional<String>> missing, boolean ci) {
    List<String> lacking = new ArrayList<>();
    for (Service service : services) {
      missing
          .apply(service)
          .ifPresent(
              why ->
                  lacking.add(service.description() + " (" + why + "): " + service.howToStart()));
    }
    if (lacking.isEmpty()) {
      return new Verdict(true, false, "has " + services);
    }
    String needs = "needs " + String.join("; and ", lacking);
    if (ci) {
      return new Verdict(false, true, "CI=true, where every test must run, but this test " + needs);
    }
    return new Verdict(false, false, "Skipped: this test " + needs);
  }
}
