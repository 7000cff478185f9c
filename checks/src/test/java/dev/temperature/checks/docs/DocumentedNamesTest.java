package dev.temperature.checks.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.temperature.checks.ShippedFiles;
import dev.temperature.checks.docs.Markdown.Code;
import dev.temperature.testing.Repository;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * README.md and docs/ name only what exists. Every piece of code in their text (between backticks)
 * is sorted by the first rule below that fits it, and checked:
 *
 * <ol>
 *   <li>with a placeholder ({@code <...>}, <code>{...}</code>, {@code ...}): not checked;
 *   <li>{@code make X Y}: X and Y are targets of the Makefile;
 *   <li>a dotted name whose first part is a top-level configuration key ({@code storage.type},
 *       {@code auth.tokens[].sha256}, optionally {@code : value}): a key of the configuration
 *       classes, unless the code uses the name as a string (a metric's name);
 *   <li>{@code dev.temperature...}: a package or type of the sources;
 *   <li>{@code Type#member}, {@code Type.member()}, {@code Type.member}: the type exists, and when
 *       it is ours, its source declares the member;
 *   <li>{@code @Annotation} or a single CamelCase word: a type of the sources or of a library on
 *       the class path, a file of the tree ({@code Dockerfile}), a schema of the API document
 *       ({@code Identifier}, {@code RecordedAt}), an alert of the example rules
 *       (deploy/alerting/alerts.yml), or one of {@link #NOT_TYPES};
 *   <li>a path (its first part is a directory of the tree or git-ignored; a command's first word
 *       counts): in the tree, possibly below a module ({@code src/main/...}), or git-ignored, that
 *       is, made by the build or a script;
 *   <li>a file name with one of {@link #FILE_EXTENSIONS}: a file of that name is in the tree, or
 *       git ignores it.
 * </ol>
 *
 * <p>Commands in fenced shell blocks are checked the same way: {@code make} targets, and a first
 * word that is a path of the repository. Everything else (SQL, headers, values, URLs) is prose.
 */
class DocumentedNamesTest {
  /**
   * CamelCase words the docs use that are no Java type: JSON's non-numbers, an HTTP header, a
   * Kubernetes kind. (Other such words happen to name a library's type, and pass as one.)
   */
  static final Set<String> NOT_TYPES = Set.of("NaN", "Infinity", "Allow", "PodMonitor");

  /** The names of files worth checking: sources, scripts, configurations, docs. */
  static final Set<String> FILE_EXTENSIONS =
      Set.of("yml", "yaml", "md", "sh", "py", "java", "sql", "toml", "xml");

  private static final Pattern PLACEHOLDER = Pattern.compile("[<>{}…]|\\.\\.\\.");
  private static final Pattern CONFIG_KEY =
      Pattern.compile(
          "([a-z][A-Za-z0-9]*(?:\\.[A-Za-z][A-Za-z0-9]*|\\[\\d*])*(?:\\.\\*)?)(?::\\s.*)?");
  private static final Pattern QUALIFIED = Pattern.compile("dev\\.temperature(?:\\.\\w+)*");
  private static final Pattern MEMBER =
      Pattern.compile("([A-Z]\\w*)(?:#|\\.)([a-zA-Z_]\\w*)(?:\\([^)]*\\))?");
  private static final Pattern TYPE =
      Pattern.compile("@?([A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*)(?:\\(.*\\))?");
  private static final Pattern MEDIA_TYPE =
      Pattern.compile("(application|text|image|multipart)/[a-z0-9.+-]+");

  enum Kind {
    MAKE_TARGET,
    CONFIG_KEY,
    TYPE,
    MEMBER,
    PATH,
    FILE
  }

  private static final Path ROOT = Repository.root();

  /** The schemas the API document names in its components, which the docs may name too. */
  private static final Set<String> API_SCHEMAS = apiSchemas();

  /** The alerts of the shipped example rules, which docs/alerting.md walks through. */
  private static final Set<String> EXAMPLE_ALERTS = exampleAlerts();

  private static Set<String> exampleAlerts() {
    Set<String> names = new java.util.TreeSet<>();
    ShippedFiles.yaml(ROOT.resolve("deploy/alerting/alerts.yml"))
        .path("groups")
        .forEach(
            group -> group.path("rules").forEach(rule -> names.add(rule.path("alert").asText())));
    return names;
  }

  private static Set<String> apiSchemas() {
    Set<String> names = new java.util.TreeSet<>();
    ShippedFiles.yaml(ROOT.resolve("adapters-http/src/main/resources/openapi/openapi.yaml"))
        .path("components")
        .path("schemas")
        .fieldNames()
        .forEachRemaining(names::add);
    return names;
  }

  private static RepositoryIndex index;
  private static ConfigurationKeys keys;

  @BeforeAll
  static void readTheRepository() {
    index = new RepositoryIndex(ROOT);
    keys = new ConfigurationKeys();
  }

  @Test
  void everyNameInTheDocsExists() {
    Map<Kind, Integer> checked = new EnumMap<>(Kind.class);
    List<String> wrong = new ArrayList<>();
    for (Path page : Markdown.pages(ROOT)) {
      for (Code code : Markdown.codeSpans(ROOT, page)) {
        check(code, checked, wrong);
      }
      for (Code command : Markdown.shellLines(ROOT, page)) {
        checkCommand(command, checked, wrong);
      }
    }

    assertThat(wrong)
        .as("names in README.md and docs/ that do not exist (rules: DocumentedNamesTest)")
        .isEmpty();
    // Far fewer would mean the pages were not read as they are written.
    assertThat(checked)
        .as("names checked, by kind")
        .hasEntrySatisfying(Kind.MAKE_TARGET, n -> assertThat(n).isGreaterThan(20))
        .hasEntrySatisfying(Kind.CONFIG_KEY, n -> assertThat(n).isGreaterThan(40))
        .hasEntrySatisfying(Kind.TYPE, n -> assertThat(n).isGreaterThan(60))
        .hasEntrySatisfying(Kind.MEMBER, n -> assertThat(n).isGreaterThan(2))
        .hasEntrySatisfying(Kind.PATH, n -> assertThat(n).isGreaterThan(40))
        .hasEntrySatisfying(Kind.FILE, n -> assertThat(n).isGreaterThan(20));
  }

  @Test
  void theConfigurationKeysAreReadFromTheApplicationsOwnClasses() {
    assertThat(keys.topLevel()).contains("server", "logging", "storage", "auth", "http");
    assertThat(keys.exists("storage.type")).isTrue();
    assertThat(keys.exists("storage.database.url")).as("timescale's block").isTrue();
    assertThat(keys.exists("storage.bucket")).as("influx's block").isTrue();
    assertThat(keys.exists("server.adminConnectors[].bindHost")).isTrue();
    assertThat(keys.exists("server.requestLog.appenders[0].logFormat")).isTrue();
    assertThat(keys.exists("logging.loggers.anything")).as("a map takes any key").isTrue();
    assertThat(keys.exists("storage.databse.url")).isFalse();
    assertThat(keys.exists("auth.tokens.sha256")).as("a list without []").isFalse();
    assertThat(keys.exists("queries.maxDurations")).isFalse();
  }

  @Test
  void eachRuleFindsTheMistakeItIsFor() {
    assertThat(problemOf("`make checks`")).contains("no target checks in the Makefile");
    assertThat(problemOf("`ReadingStoreContracts`")).contains("no type ReadingStoreContracts");
    assertThat(problemOf("`ReadingStoreContract#stores`")).contains("declares no stores");
    assertThat(problemOf("`config-staging.yml`")).contains("no file config-staging.yml");
    assertThat(problemOf("`scripts/services/mysql.sh`")).contains("not in the tree");
    assertThat(problemOf("`storage.maxConections`")).contains("no configuration key");
    assertThat(problemOf("`dev.temperature.adapters.mysql`")).contains("no package or type");

    assertThat(problemOf("`make test`")).isEmpty();
    assertThat(problemOf("`ReadingStoreContract#counted`")).isEmpty();
    assertThat(problemOf("`config-production-sqlite.yml`")).isEmpty();
    assertThat(problemOf("`.services.env`")).as("git-ignored: a script makes it").isEmpty();
    assertThat(problemOf("`Discoverable`")).as("a library's type").isEmpty();
  }

  /** What the rules say of one code span: its first problem, or "" when there is none. */
  private static String problemOf(String markdown) {
    List<String> wrong = new ArrayList<>();
    String code = markdown.substring(1, markdown.length() - 1);
    check(new Code("test", code), new EnumMap<>(Kind.class), wrong);
    return wrong.isEmpty() ? "" : wrong.get(0);
  }

  private static void check(Code code, Map<Kind, Integer> checked, List<String> wrong) {
    String text = code.text().strip();
    if (text.isEmpty() || PLACEHOLDER.matcher(text).find()) {
      return;
    }
    if (text.startsWith("make ")) {
      checkMakeTargets(code, text, checked, wrong);
      return;
    }
    Matcher key = CONFIG_KEY.matcher(text);
    if (key.matches() && keys.topLevel().contains(key.group(1).split("[.\\[]")[0])) {
      count(checked, Kind.CONFIG_KEY);
      String name = key.group(1);
      if (!keys.exists(name) && !index.stringLiterals.contains(name.replaceFirst("\\.\\*$", ""))) {
        wrong.add(code.where() + ": no configuration key " + name);
      }
      return;
    }
    if (QUALIFIED.matcher(text).matches()) {
      count(checked, Kind.TYPE);
      String path = text.replace('.', '/');
      String type = text.substring(text.lastIndexOf('.') + 1);
      if (!index.exists(path) && !index.types.containsKey(type)) {
        wrong.add(code.where() + ": no package or type " + text + " in the sources");
      }
      return;
    }
    Matcher member = MEMBER.matcher(text);
    if (member.matches() && !index.names.contains(text)) {
      count(checked, Kind.MEMBER);
      checkMember(code, member.group(1), member.group(2), wrong);
      return;
    }
    Matcher type = TYPE.matcher(text);
    if (type.matches() && (text.startsWith("@") || !text.contains("("))) {
      count(checked, Kind.TYPE);
      String name = type.group(1);
      if (!index.types.containsKey(name)
          && !index.names.contains(name)
          && !NOT_TYPES.contains(name)
          && !API_SCHEMAS.contains(name)
          && !EXAMPLE_ALERTS.contains(name)
          && !index.isLibraryType(name)) {
        wrong.add(code.where() + ": no type " + name + " in the sources or on the class path");
      }
      return;
    }
    String firstWord = text.split("\\s+")[0];
    if (isRepositoryPath(firstWord)) {
      count(checked, Kind.PATH);
      if (!index.exists(firstWord) && !index.isGenerated(firstWord)) {
        wrong.add(code.where() + ": " + firstWord + " is not in the tree, nor made by a script");
      }
      return;
    }
    int dot = text.lastIndexOf('.');
    if (!text.contains(" ")
        && !text.contains("/")
        && dot > 0
        && FILE_EXTENSIONS.contains(text.substring(dot + 1))) {
      count(checked, Kind.FILE);
      if (!index.names.contains(text) && !index.exists(text) && !index.isGenerated(text)) {
        wrong.add(code.where() + ": no file " + text + " in the tree");
      }
    }
  }

  /** A fenced shell line: its make targets, and its first word when that is a repository path. */
  private static void checkCommand(Code command, Map<Kind, Integer> checked, List<String> wrong) {
    String line = command.text();
    for (String part : line.split("&&|;|\\|\\|")) {
      String text = part.strip();
      if (text.startsWith("make ")) {
        checkMakeTargets(command, text, checked, wrong);
      }
      String first = text.isEmpty() ? "" : text.split("\\s+")[0];
      if (isRepositoryPath(first) && !PLACEHOLDER.matcher(first).find()) {
        count(checked, Kind.PATH);
        if (!index.exists(first) && !index.isGenerated(first)) {
          wrong.add(command.where() + ": " + first + " is not in the tree, nor made by a script");
        }
      }
    }
  }

  private static void checkMakeTargets(
      Code code, String text, Map<Kind, Integer> checked, List<String> wrong) {
    String[] words = text.split("&&|;|\\||#")[0].strip().split("\\s+");
    for (int i = 1; i < words.length; i++) {
      if (words[i].contains("=") || words[i].startsWith("-")) {
        continue;
      }
      count(checked, Kind.MAKE_TARGET);
      if (!index.makeTargets.contains(words[i])) {
        wrong.add(code.where() + ": no target " + words[i] + " in the Makefile");
      }
    }
  }

  private static void checkMember(Code code, String type, String member, List<String> wrong) {
    List<String> sources = index.types.get(type);
    if (sources == null) {
      if (!index.isLibraryType(type)) {
        wrong.add(code.where() + ": no type " + type + " in the sources or on the class path");
      }
      return;
    }
    // A method, a field, a record component or an enum constant, declared or called in the type's
    // own file: a renamed member leaves no trace there.
    Pattern declared = Pattern.compile("\\b" + Pattern.quote(member) + "\\s*[(=;,)]");
    if (sources.stream().noneMatch(source -> declared.matcher(source).find())) {
      wrong.add(code.where() + ": " + type + " declares no " + member);
    }
  }

  /**
   * Whether a word is meant as a path of this repository: it has a slash, starts neither with / nor
   * ~ nor a scheme, is no media type, and its first part is a directory of the tree or ignored.
   */
  private static boolean isRepositoryPath(String word) {
    String path = word.replaceFirst("^\\./", "");
    if (!word.contains("/") && !word.startsWith("./")) {
      return false;
    }
    if (path.startsWith("/")
        || path.startsWith("~")
        || path.contains(":")
        || MEDIA_TYPE.matcher(path).matches()) {
      return false;
    }
    String first = path.split("/")[0];
    return !path.contains("/")
        || index.directoryNames.contains(first)
        || index.isGenerated(first + "/");
  }

  private static void count(Map<Kind, Integer> checked, Kind kind) {
    checked.merge(kind, 1, Integer::sum);
  }
}
