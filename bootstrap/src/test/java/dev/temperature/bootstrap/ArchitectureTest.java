package dev.temperature.bootstrap;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.temperature.adapters.http.problem.InvalidParameterException;
import dev.temperature.application.port.out.StorageBusyException;
import dev.temperature.application.port.out.StorageRefusedException;
import dev.temperature.application.port.out.StorageUnavailableException;
import dev.temperature.storage.StorageFactory;

/**
 * The hexagon, enforced. Runs here because the bootstrap's test classpath holds every module.
 * ArchUnit's failOnEmptyShould stays on, so a rule whose packages match nothing fails rather than
 * passing silently.
 */
@AnalyzeClasses(
    packages = "dev.temperature",
    importOptions = {
      ImportOption.DoNotIncludeTests.class,
      ArchitectureTest.DoNotIncludeTestJars.class
    })
class ArchitectureTest {
  /**
   * Test helpers other modules share as test-jars (a real Alertmanager to test against) are tests
   * too; in a reactor build they come as {@code *-tests.jar}, which DoNotIncludeTests lets through.
   */
  static final class DoNotIncludeTestJars implements ImportOption {
    @Override
    public boolean includes(com.tngtech.archunit.core.importer.Location location) {
      return !location.contains("-tests.jar");
    }
  }

  private static final String DOMAIN = "dev.temperature.domain..";
  private static final String APPLICATION = "dev.temperature.application..";
  private static final String STORAGE_SPI = "dev.temperature.storage..";
  private static final String ADAPTERS = "dev.temperature.adapters..";
  private static final String HTTP = "dev.temperature.adapters.http..";
  private static final String JDBC = "dev.temperature.adapters.jdbc..";
  private static final String SQLITE = "dev.temperature.adapters.sqlite..";
  private static final String TIMESCALE = "dev.temperature.adapters.timescale..";
  private static final String ALERTMANAGER = "dev.temperature.adapters.alertmanager..";
  private static final String ALERTING = "dev.temperature.application.alerting..";
  private static final String BOOTSTRAP = "dev.temperature.bootstrap..";
  private static final String TEST_SUPPORT = "dev.temperature.testing..";
  private static final String LINE_PROTOCOL = "dev.temperature.adapters.http.lineprotocol..";
  private static final String INFLUX_WRITE = "dev.temperature.adapters.http.influxwrite..";

  /** The root package alone, without its subpackages: {@code RestApi} and {@code UseCases}. */
  private static final String HTTP_ROOT = "dev.temperature.adapters.http";

  private static final String HTTP_AUTH = "dev.temperature.adapters.http.auth..";
  private static final String HTTP_CODEC = "dev.temperature.adapters.http.codec..";
  private static final String HTTP_DASHBOARD = "dev.temperature.adapters.http.dashboard..";
  private static final String HTTP_DOCS = "dev.temperature.adapters.http.docs..";
  private static final String HTTP_PAGE = "dev.temperature.adapters.http.page..";
  private static final String HTTP_PROBLEM = "dev.temperature.adapters.http.problem..";
  private static final String HTTP_PROTOCOL = "dev.temperature.adapters.http.protocol..";
  private static final String HTTP_RESOURCES = "dev.temperature.adapters.http.resources..";

  @ArchTest
  static final ArchRule domainDependsOnTheJdkOnly =
      classes()
          .that()
          .resideInAPackage(DOMAIN)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", DOMAIN);

  @ArchTest
  static final ArchRule applicationDependsOnTheDomainOnly =
      classes()
          .that()
          .resideInAPackage(APPLICATION)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", DOMAIN, APPLICATION);

  /** The one exception: the SQL engines share the JDBC core; see the next two rules. */
  @ArchTest
  static final ArchRule adaptersNeverDependOnEachOther =
      slices()
          .matching("dev.temperature.adapters.(*)..")
          .should()
          .notDependOnEachOther()
          .ignoreDependency(resideInAnyPackage(SQLITE, TIMESCALE), resideInAPackage(JDBC));

  @ArchTest
  static final ArchRule onlyTheSqlAdaptersUseTheJdbcCore =
      noClasses()
          .that()
          .resideOutsideOfPackages(JDBC, SQLITE, TIMESCALE)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(JDBC);

  /** The engine modules own the pool, the schema and the plug; the core only runs statements. */
  @ArchTest
  static final ArchRule theJdbcCoreIsNoStoragePlugAndUsesNoDropwizard =
      noClasses()
          .that()
          .resideInAPackage(JDBC)
          .should()
          .implement(StorageFactory.class)
          .orShould()
          .dependOnClassesThat()
          .resideInAnyPackage("io.dropwizard..", STORAGE_SPI, "jakarta..", "com.fasterxml..");

  @ArchTest
  static final ArchRule theCoreNeverReachesOutward =
      noClasses()
          .that()
          .resideInAnyPackage(DOMAIN, APPLICATION, STORAGE_SPI)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(ADAPTERS, BOOTSTRAP);

  @ArchTest
  static final ArchRule onlyTheBootstrapWiresAdapters =
      noClasses()
          .that()
          .resideOutsideOfPackages(ADAPTERS, BOOTSTRAP)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(ADAPTERS);

  @ArchTest
  static final ArchRule theBootstrapReachesStorageThroughTheSpiOnly =
      noClasses()
          .that()
          .resideInAPackage(BOOTSTRAP)
          .should()
          .dependOnClassesThat(
              resideInAPackage(ADAPTERS).and(not(resideInAnyPackage(HTTP, ALERTMANAGER))));

  @ArchTest
  static final ArchRule httpNeverTouchesStorage =
      noClasses()
          .that()
          .resideInAPackage(HTTP)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              STORAGE_SPI, JDBC, "java.sql..", "javax.sql..", "org.jdbi..", "com.influxdb..");

  @ArchTest
  static final ArchRule httpKnowsOnlyTheStorageFailureOfTheOutboundPorts =
      noClasses()
          .that()
          .resideInAPackage(HTTP)
          .should()
          .dependOnClassesThat(
              resideInAPackage("dev.temperature.application.port.out..")
                  .and(not(type(StorageUnavailableException.class)))
                  .and(not(type(StorageRefusedException.class)))
                  .and(not(type(StorageBusyException.class))));

  @ArchTest
  static final ArchRule resourcesUseTheInboundPortsNotTheServices =
      noClasses()
          .that()
          .resideInAnyPackage("dev.temperature.adapters.http.resources..", INFLUX_WRITE)
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.temperature.application.service..");

  /** test-support is a test-scoped dependency; the rule says so for code Maven would let slip. */
  @ArchTest
  static final ArchRule noProductCodeUsesTheTestSupport =
      noClasses()
          .that()
          .resideOutsideOfPackage(TEST_SUPPORT)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(TEST_SUPPORT);

  /** So that every module, the domain's tests included, may use it without a cycle. */
  @ArchTest
  static final ArchRule theTestSupportKnowsOnlyJUnit =
      classes()
          .that()
          .resideInAPackage(TEST_SUPPORT)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", "org.junit..", "org.opentest4j..", TEST_SUPPORT);

  /** A wire format, plain Java: no framework, and no knowledge of readings or the core. */
  @ArchTest
  static final ArchRule theLineProtocolReaderIsPlainJava =
      classes()
          .that()
          .resideInAPackage(LINE_PROTOCOL)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", LINE_PROTOCOL);

  /** Only the InfluxDB write endpoints speak line protocol; the rest of the API does not. */
  @ArchTest
  static final ArchRule onlyTheInfluxWriteEndpointsUseTheLineProtocolReader =
      noClasses()
          .that()
          .resideInAPackage(HTTP)
          .and()
          .resideOutsideOfPackages(LINE_PROTOCOL, INFLUX_WRITE)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(LINE_PROTOCOL);

  /** Delivery speaks HTTP and JSON to Alertmanager, and knows nothing of storage or Dropwizard. */
  @ArchTest
  static final ArchRule theAlertmanagerAdapterKnowsOnlyItsPortAndJson =
      classes()
          .that()
          .resideInAPackage(ALERTMANAGER)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java..",
              DOMAIN,
              "dev.temperature.application.port.out..",
              ALERTMANAGER,
              "com.fasterxml.jackson..",
              "org.slf4j..");

  /**
   * Evaluation reads through the query ports only: it never writes, and never holds the whole
   * store, so it cannot reach the write path the API's requests wait on.
   */
  @ArchTest
  static final ArchRule alertEvaluationUsesTheQueryPortsOnly =
      noClasses()
          .that()
          .resideInAPackage(ALERTING)
          .should()
          .dependOnClassesThat(
              type(dev.temperature.application.port.out.ReadingStore.class)
                  .or(type(dev.temperature.application.port.out.AppendReadings.class))
                  .or(resideInAPackage("dev.temperature.application.commit..")));

  /** The HTTP adapter lists alerts through the inbound port, never the evaluation service. */
  @ArchTest
  static final ArchRule httpReachesAlertsThroughTheInboundPort =
      noClasses()
          .that()
          .resideInAPackage(HTTP)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(ALERTING);

  /**
   * The HTTP adapter's root package is its face: what the bootstrap builds it from. A filter or
   * helper, package-private, belongs in the package of its kind.
   */
  @ArchTest
  static final ArchRule theHttpRootPackageHoldsOnlyTheAdaptersPublicFace =
      classes().that().resideInAPackage(HTTP_ROOT).should().bePublic();

  /**
   * The bootstrap builds the HTTP adapter from its face and the values it takes (tokens and roles,
   * the document's rules, the line protocol's layout and observer, the problem format for its own
   * servlets); resources, models, codecs, filters and pages stay inside.
   */
  @ArchTest
  static final ArchRule theBootstrapSeesOnlyTheHttpAdaptersFace =
      noClasses()
          .that()
          .resideInAPackage(BOOTSTRAP)
          .should()
          .dependOnClassesThat(
              resideInAPackage(HTTP)
                  .and(
                      not(
                          resideInAnyPackage(
                              HTTP_ROOT, HTTP_AUTH, HTTP_DOCS, INFLUX_WRITE, HTTP_PROBLEM))));

  /** The protocol filters wrap every resource; none of them, and nothing else, calls one. */
  @ArchTest
  static final ArchRule onlyTheRestApiRegistersTheProtocolFilters =
      noClasses()
          .that()
          .resideOutsideOfPackages(HTTP_ROOT, HTTP_PROTOCOL)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(HTTP_PROTOCOL);

  /**
   * Codecs turn text into values and back, with no JAX-RS, Jackson or resource: a bad text is the
   * adapter's one parameter failure, which the problem mappers answer.
   */
  @ArchTest
  static final ArchRule codecsKnowOnlyTheJdkAndTheDomain =
      classes()
          .that()
          .resideInAPackage(HTTP_CODEC)
          .should()
          .onlyDependOnClassesThat(
              resideInAnyPackage("java..", DOMAIN, HTTP_CODEC)
                  .or(type(InvalidParameterException.class)));

  /** Who may carry a role is auth's business; the resources only name the role they need. */
  @ArchTest
  static final ArchRule authKnowsNoResource =
      noClasses()
          .that()
          .resideInAPackage(HTTP_AUTH)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(HTTP_RESOURCES);

  /** The pages' files and headers serve the two pages, and the REST API registers the headers. */
  @ArchTest
  static final ArchRule onlyThePagesServeStaticFiles =
      noClasses()
          .that()
          .resideOutsideOfPackages(HTTP_ROOT, HTTP_PAGE, HTTP_DOCS, HTTP_DASHBOARD)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(HTTP_PAGE);
}
