package dev.temperature.checks.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.temperature.adapters.http.docs.ApiDocumentResource;
import dev.temperature.checks.ShippedFiles;
import dev.temperature.testing.Repository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the documentation true where it drifts most easily: the configuration reference and the
 * curl examples. Every check also asserts that it found a fair amount to check, so that a change in
 * how the files are written cannot make it pass by finding nothing.
 */
class DocumentationTest {
  private static final Path ROOT = Repository.root();
  private static final String CONFIGURATION_PAGE = "docs/configuration.md";

  /**
   * Maps whose keys are names the operator picks (logger names, JDBC driver properties), not keys
   * this service defines: the map itself is the key to document.
   */
  private static final Set<String> FREE_FORM_MAPS =
      Set.of("logging.loggers", "storage.database.properties");

  /** Where the examples reach the API: the prototype's port. */
  private static final String API_AUTHORITY = "localhost:5000";

  /**
   * Documented curl calls that are deliberately not checked against the API document: the admin
   * port serves Dropwizard's /healthcheck, /metrics and the like, which are not part of the API.
   */
  private static final Set<String> NOT_THE_API = Set.of("localhost:5001");

  /** Served beside the API but not in its document (see ApiContractTest.NOT_IN_CONTRACT). */
  private static final Set<String> SERVED_BESIDE_THE_DOCUMENT =
      Set.of("GET /openapi.yaml", "GET /openapi.json", "GET /docs");

  /** curl options that take the next word as their value, so that word is not the URL. */
  private static final Pattern OPTION_WITH_A_VALUE =
      Pattern.compile(
          "-[XHdFouweAbmT]|--(request|header|data(-raw|-binary|-urlencode)?|json|form|output|user"
              + "|write-out|user-agent|referer|cookie|max-time|connect-timeout|upload-file)");

  /** curl options that send a body, which makes the method POST unless -X says otherwise. */
  private static final Pattern OPTION_THAT_SENDS_A_BODY =
      Pattern.compile("-[dF]|--(data(-raw|-binary|-urlencode)?|json|form)");

  private static final Pattern INLINE_CURL = Pattern.compile("`(curl [^`]+)`");

  @Test
  void everyKeyOfAShippedConfigurationFileIsInTheConfigurationPage() {
    String page = ShippedFiles.read(ROOT.resolve(CONFIGURATION_PAGE));
    Map<String, Set<String>> keysByFile = new TreeMap<>();
    for (Path file : shippedConfigurations()) {
      Set<String> keys = new TreeSet<>();
      collectKeys("", ShippedFiles.yaml(file), keys);
      keysByFile.put(file.getFileName().toString(), keys);
    }

    List<String> missing = new ArrayList<>();
    keysByFile.forEach(
        (file, keys) ->
            keys.stream()
                .filter(key -> !page.contains("`" + key + "`"))
                .forEach(key -> missing.add(key + " (used in " + file + ")")));

    assertThat(keysByFile).containsKeys("config.yml", "config-production.yml");
    // The shipped files use about forty distinct keys; far fewer means the walk went wrong.
    assertThat(keysByFile.values().stream().flatMap(Set::stream).distinct().count())
        .as("distinct keys found in the shipped configuration files")
        .isGreaterThanOrEqualTo(30);
    assertThat(missing)
        .as(
            "keys missing from %s; document each in its block's table, written with its full path"
                + " in backticks, lists as [] (e.g. `auth.tokens[].sha256`)",
            CONFIGURATION_PAGE)
        .isEmpty();
  }

  @Test
  void everyEnvironmentVariableOfAShippedConfigurationFileIsInTheConfigurationPage() {
    String page = ShippedFiles.read(ROOT.resolve(CONFIGURATION_PAGE));
    List<String> missing = new ArrayList<>();
    Set<String> found = new TreeSet<>();
    for (Path file : shippedConfigurations()) {
      for (String name : ShippedFiles.variablesRead(file).keySet()) {
        found.add(name);
        if (!page.contains("`" + name + "`")) {
          missing.add(name + " (read by " + file.getFileName() + ")");
        }
      }
    }

    assertThat(found).as("environment variables found").hasSizeGreaterThanOrEqualTo(8);
    assertThat(missing)
        .as("environment variables missing from %s; write each as `NAME`", CONFIGURATION_PAGE)
        .isEmpty();
  }

  @Test
  void everyCurlExampleAimedAtTheApiCallsAnOperationOfTheApiDocument() {
    Map<String, Pattern> operations = documentedOperations();
    List<CurlCall> calls = new ArrayList<>();
    for (Path page : markdownPages()) {
      calls.addAll(curlCalls(page));
    }

    List<String> wrong = new ArrayList<>();
    List<CurlCall> checked = new ArrayList<>();
    for (CurlCall call : calls) {
      String problem = problemOf(call, operations);
      if (problem == null) {
        checked.add(call);
      } else if (!problem.isEmpty()) {
        wrong.add(call.where() + ": " + problem + "\n    " + call.command());
      }
    }

    assertThat(wrong)
        .as(
            "curl examples that do not call an operation of openapi.yaml (the API is %s; calls to"
                + " %s are not checked)",
            API_AUTHORITY, NOT_THE_API)
        .isEmpty();
    assertThat(checked).as("curl examples aimed at the API").hasSizeGreaterThanOrEqualTo(8);
    // The prototype's two calls stay on the front page.
    assertThat(checked)
        .filteredOn(call -> call.where().startsWith("README.md:"))
        .extracting(CurlCall::operation)
        .as("the prototype's two calls in README.md")
        .contains(
            "POST /api/v1/buildings/main/rooms/kitchen/temperatures",
            "GET /api/v1/buildings/main/rooms/kitchen/temperatures/average");
  }

  /**
   * Every link from one page to another file of the repository reaches it, and its {@code #anchor}
   * a heading of the page it names, as GitHub makes anchors of headings.
   */
  @Test
  void everyLinkBetweenThePagesReachesAFileAndAHeading() {
    Pattern link = Pattern.compile("\\]\\(([^)\\s#]*)(?:#([^)\\s]*))?\\)");
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Path page : markdownPages()) {
      Matcher found = link.matcher(ShippedFiles.read(page));
      while (found.find()) {
        String target = found.group(1);
        if (target.matches("[a-z]+:.*")) {
          continue; // https:, mailto:: not this repository
        }
        checked++;
        Path file = target.isEmpty() ? page : page.getParent().resolve(target).normalize();
        String where = ROOT.relativize(page) + ": " + found.group();
        if (!Files.exists(file)) {
          broken.add(where + ": no " + ROOT.relativize(file));
        } else if (found.group(2) != null && !anchors(file).contains(found.group(2))) {
          broken.add(where + ": no heading #" + found.group(2) + " in " + ROOT.relativize(file));
        }
      }
    }

    assertThat(checked).as("links between the pages").isGreaterThan(50);
    assertThat(broken).as("links to a file or heading that is not there").isEmpty();
  }

  /** The anchors of a page's headings: lower case, spaces to hyphens, other punctuation dropped. */
  private static Set<String> anchors(Path file) {
    Set<String> anchors = new TreeSet<>();
    if (!file.toString().endsWith(".md")) {
      return anchors;
    }
    boolean fenced = false;
    for (String line : ShippedFiles.read(file).split("\n")) {
      fenced ^= line.strip().startsWith("```");
      if (!fenced && line.matches("#{1,6} .*")) {
        anchors.add(
            line.replaceFirst("^#+ ", "")
                .strip()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-'));
      }
    }
    return anchors;
  }

  /**
   * A table starts with a header row and a separator row; a row after a blank line starts a new
   * table without one, which Markdown shows as a paragraph of pipes (a blank line inside a table).
   */
  @Test
  void everyTableOfThePagesStartsWithAHeader() {
    List<String> broken = new ArrayList<>();
    int tables = 0;
    for (Path page : markdownPages()) {
      String[] lines = ShippedFiles.read(page).split("\n", -1);
      boolean fenced = false;
      for (int i = 0; i < lines.length; i++) {
        fenced ^= lines[i].strip().startsWith("```");
        boolean starts = lines[i].startsWith("|") && (i == 0 || lines[i - 1].isBlank());
        if (!fenced && starts) {
          tables++;
          if (i + 1 >= lines.length || !lines[i + 1].matches("\\|[\\s:|-]+\\|\\s*")) {
            broken.add(ROOT.relativize(page) + ":" + (i + 1) + ": " + lines[i]);
          }
        }
      }
    }

    assertThat(tables).as("tables in README.md and docs/").isGreaterThan(20);
    assertThat(broken)
        .as("table rows after a blank line, without a header: remove the blank line")
        .isEmpty();
  }

  /**
   * Why the call does not fit the API document: null when it calls a documented operation, empty
   * when it is deliberately not checked, else the reason.
   */
  private static String problemOf(CurlCall call, Map<String, Pattern> operations) {
    if (call.url() == null) {
      return "no URL found in the curl call";
    }
    String path;
    // With a scheme, or without one as curl allows when a host and port lead (localhost:5001/...).
    Matcher absolute =
        Pattern.compile("(?:https?://([^/?#]+)|([\\w.-]+:\\d+))([^?#]*).*").matcher(call.url());
    if (absolute.matches()) {
      String authority = absolute.group(1) != null ? absolute.group(1) : absolute.group(2);
      if (NOT_THE_API.contains(authority)) {
        return "";
      }
      if (!API_AUTHORITY.equals(authority)) {
        return "calls "
            + authority
            + ", neither the API ("
            + API_AUTHORITY
            + ") nor a host listed in NOT_THE_API";
      }
      path = absolute.group(3).isEmpty() ? "/" : absolute.group(3);
    } else {
      // A relative API path, possibly behind a shell variable holding the base URL.
      path = call.url().replaceFirst("^\\$\\{?\\w+}?", "").replaceFirst("[?#].*", "");
    }
    String operation = call.method() + " " + path;
    if (SERVED_BESIDE_THE_DOCUMENT.contains(operation)) {
      return null;
    }
    boolean documented =
        operations.entrySet().stream()
            .anyMatch(
                entry ->
                    entry.getKey().startsWith(call.method() + " ")
                        && entry.getValue().matcher(path).matches());
    return documented ? null : operation + " is not an operation of openapi.yaml";
  }

  /** "METHOD /template" of every documented operation, with a pattern matching its paths. */
  private static Map<String, Pattern> documentedOperations() {
    JsonNode paths = ApiDocumentResource.document().path("paths");
    Map<String, Pattern> operations = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      Pattern matching =
          Pattern.compile(
              Stream.of(path.getKey().split("/", -1))
                  .map(segment -> segment.matches("\\{[^/]+}") ? "[^/]+" : Pattern.quote(segment))
                  .reduce((left, right) -> left + "/" + right)
                  .orElseThrow());
      for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
        String method = methods.next();
        if (!method.equals("parameters")) {
          operations.put(method.toUpperCase(Locale.ROOT) + " " + path.getKey(), matching);
        }
      }
    }
    assertThat(operations).as("operations in openapi.yaml").hasSizeGreaterThanOrEqualTo(8);
    return operations;
  }

  /** One curl command of a page, as written, and what it asks for. */
  record CurlCall(String where, String command, String method, String url) {
    /** Method and path, without the query: {@code GET /api/v1/buildings}. */
    String operation() {
      return method
          + " "
          + (url == null ? "" : url.replaceFirst("^https?://[^/]+", "").replaceFirst("[?#].*", ""));
    }
  }

  /** The curl commands in fenced code blocks (with their continuation lines) and inline code. */
  private static List<CurlCall> curlCalls(Path page) {
    String name = ROOT.relativize(page).toString().replace('\\', '/');
    List<String> lines = List.of(ShippedFiles.read(page).split("\n", -1));
    List<CurlCall> calls = new ArrayList<>();
    boolean fenced = false;
    for (int index = 0; index < lines.size(); index++) {
      String line = lines.get(index);
      if (line.strip().startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      String where = name + ":" + (index + 1);
      if (fenced) {
        String start = line.strip().replaceFirst("^\\$ ", "");
        if (!start.startsWith("curl ")) {
          continue;
        }
        StringBuilder command = new StringBuilder(start);
        // A command goes on after a trailing backslash, or while a quoted string is open.
        while ((endsWithBackslash(command) || !quotesClosed(command)) && index + 1 < lines.size()) {
          if (endsWithBackslash(command)) {
            command.setLength(command.length() - 1);
          }
          command.append(' ').append(lines.get(++index).strip());
        }
        calls.add(parse(where, command.toString()));
      } else {
        Matcher inline = INLINE_CURL.matcher(line);
        while (inline.find()) {
          calls.add(parse(where, inline.group(1)));
        }
      }
    }
    return calls;
  }

  private static CurlCall parse(String where, String command) {
    List<String> words = shellWords(command);
    String method = null;
    boolean body = false;
    boolean head = false;
    String url = null;
    for (int i = 1; i < words.size(); i++) {
      String word = words.get(i);
      if (word.equals("-X") || word.equals("--request")) {
        method = i + 1 < words.size() ? words.get(i + 1).toUpperCase(Locale.ROOT) : null;
      }
      if (OPTION_THAT_SENDS_A_BODY.matcher(word).matches()) {
        body = true;
      }
      if (word.equals("-I") || word.equals("--head")) {
        head = true;
      }
      if (OPTION_WITH_A_VALUE.matcher(word).matches()) {
        i++;
      } else if (url == null && !word.startsWith("-")) {
        url = word;
      }
    }
    if (method == null) {
      method = head ? "HEAD" : body ? "POST" : "GET";
    }
    return new CurlCall(where, command, method, url);
  }

  /** Splits a command into words as a POSIX shell would, for the quoting the examples use. */
  private static List<String> shellWords(String command) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        word = word == null ? new StringBuilder() : word;
      } else if (Character.isWhitespace(c)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
      } else if (c == '#' && word == null) {
        break; // a comment runs to the end of the command
      } else {
        word = word == null ? new StringBuilder() : word;
        word.append(c);
      }
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }

  private static boolean endsWithBackslash(CharSequence command) {
    return command.length() > 0 && command.charAt(command.length() - 1) == '\\';
  }

  private static boolean quotesClosed(CharSequence command) {
    char quote = 0;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (quote == 0 && (c == '\'' || c == '"')) {
        quote = c;
      } else if (c == quote) {
        quote = 0;
      }
    }
    return quote == 0;
  }

  /** The configuration files shipped at the repository root: config.yml and config-*.yml. */
  private static List<Path> shippedConfigurations() {
    try (Stream<Path> files = Files.list(ROOT)) {
      return files
          .filter(file -> file.getFileName().toString().matches("config(-[\\w.-]+)?\\.yml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> markdownPages() {
    try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
      List<Path> pages = new ArrayList<>();
      pages.add(ROOT.resolve("README.md"));
      docs.filter(file -> file.toString().endsWith(".md")).sorted().forEach(pages::add);
      return pages;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every key path of a configuration tree: {@code storage.busyTimeout}; list items as {@code []}
   * ({@code server.adminConnectors[].port}); a list of plain values is one key ({@code
   * auth.tokens[].roles}).
   */
  private static void collectKeys(String path, JsonNode node, Set<String> keys) {
    if (node.isObject() && !node.isEmpty() && !FREE_FORM_MAPS.contains(path)) {
      node.fields()
          .forEachRemaining(
              field ->
                  collectKeys(
                      path.isEmpty() ? field.getKey() : path + "." + field.getKey(),
                      field.getValue(),
                      keys));
    } else if (node.isArray() && node.size() > 0 && node.get(0).isContainerNode()) {
      node.forEach(item -> collectKeys(path + "[]", item, keys));
    } else {
      keys.add(path);
    }
  }
}
