package dev.temperature.checks.docs;

import dev.temperature.checks.ShippedFiles;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What exists in the checkout, for the docs to name: files and directories, the Java types declared
 * in the sources and those of the libraries on the test classpath, and the Makefile's targets.
 */
final class RepositoryIndex {
  /** Build output and the services' data: never in the tree a document points at. */
  private static final Set<String> NOT_THE_TREE =
      Set.of(".git", "target", ".services", "data", "node_modules", "__pycache__");

  private static final Pattern TYPE_DECLARATION =
      Pattern.compile("\\b(?:class|interface|enum|record|@interface)\\s+([A-Z]\\w*)");
  private static final Pattern MAKE_TARGET =
      Pattern.compile("(?m)^([A-Za-z0-9_.-]+(?:[ \\t]+[A-Za-z0-9_.-]+)*)[ \\t]*:(?!=)");

  final Path root;

  /** Every file and directory, relative to the root, with forward slashes. */
  final Set<String> paths = new TreeSet<>();

  /** The last part of every path: what a document may name without its directory. */
  final Set<String> names = new HashSet<>();

  final Set<String> directoryNames = new HashSet<>();

  /** Simple name of each type declared in the sources (nested ones too) to its files' texts. */
  final Map<String, List<String>> types = new HashMap<>();

  /** Every string literal of the Java sources: metric and logger names the code uses. */
  final Set<String> stringLiterals = new HashSet<>();

  final Set<String> makeTargets = new TreeSet<>();
  private final List<PathMatcher> ignored = new ArrayList<>();
  private final List<String> ignoredDirectories = new ArrayList<>();
  private Set<String> libraryTypes;

  RepositoryIndex(Path root) {
    this.root = root;
    walk();
    readIgnoreRules();
    Matcher target = MAKE_TARGET.matcher(ShippedFiles.read(root.resolve("Makefile")));
    while (target.find()) {
      for (String name : target.group(1).split("\\s+")) {
        if (!name.startsWith(".")) {
          makeTargets.add(name);
        }
      }
    }
  }

  private void walk() {
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
              if (!dir.equals(root) && NOT_THE_TREE.contains(dir.getFileName().toString())) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              if (!dir.equals(root)) {
                add(dir);
                directoryNames.add(dir.getFileName().toString());
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
              add(file);
              if (file.toString().endsWith(".java")) {
                readJava(file);
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void add(Path path) {
    paths.add(root.relativize(path).toString().replace(File.separatorChar, '/'));
    names.add(path.getFileName().toString());
  }

  private void readJava(Path file) {
    String source = ShippedFiles.read(file);
    Matcher declared = TYPE_DECLARATION.matcher(source);
    while (declared.find()) {
      types.computeIfAbsent(declared.group(1), name -> new ArrayList<>()).add(source);
    }
    Matcher literal = Pattern.compile("\"([^\"\\\\\\n]+)\"").matcher(source);
    while (literal.find()) {
      stringLiterals.add(literal.group(1));
    }
  }

  /**
   * The subset of .gitignore the repository uses: {@code dir/} ignores a directory anywhere, a
   * pattern without a slash a file name anywhere, a pattern with one a path from the root.
   */
  private void readIgnoreRules() {
    FileSystem files = FileSystems.getDefault();
    for (String line : ShippedFiles.read(root.resolve(".gitignore")).split("\n")) {
      String rule = line.strip();
      if (rule.isEmpty() || rule.startsWith("#") || rule.startsWith("!")) {
        continue;
      }
      if (rule.endsWith("/")) {
        ignoredDirectories.add(rule.substring(0, rule.length() - 1));
      } else if (!rule.contains("/")) {
        ignored.add(files.getPathMatcher("glob:{" + rule + ",**/" + rule + "}"));
      } else {
        ignored.add(files.getPathMatcher("glob:" + rule));
      }
    }
  }

  /** Whether git ignores the path: what the build or a script makes, never committed. */
  boolean isGenerated(String path) {
    String clean = path.replaceFirst("/$", "");
    for (String part : clean.split("/")) {
      if (ignoredDirectories.contains(part)) {
        return true;
      }
    }
    Path relative = Path.of(clean);
    return ignored.stream().anyMatch(matcher -> matcher.matches(relative));
  }

  /** A path of the tree that is {@code path}, or ends with it (a module's src/... path). */
  boolean exists(String path) {
    String clean = path.replaceFirst("^\\./", "").replaceFirst("/$", "");
    if (clean.contains("*")) {
      PathMatcher glob =
          FileSystems.getDefault().getPathMatcher("glob:{" + clean + ",**/" + clean + "}");
      return paths.stream().anyMatch(candidate -> glob.matches(Path.of(candidate)));
    }
    return paths.contains(clean) || paths.stream().anyMatch(p -> p.endsWith("/" + clean));
  }

  /**
   * Whether a library on the test classpath or the JDK has a public type of this simple name. The
   * class path is surefire's test class path, every module and library the application runs with.
   */
  boolean isLibraryType(String simpleName) {
    if (libraryTypes == null) {
      libraryTypes = readLibraryTypes();
    }
    return libraryTypes.contains(simpleName);
  }

  private static Set<String> readLibraryTypes() {
    Set<String> found = new HashSet<>();
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    for (String entry : classPath.split(File.pathSeparator)) {
      if (entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry))) {
        try (JarFile jar = new JarFile(entry)) {
          jar.stream().map(e -> e.getName()).forEach(name -> addClass(name, found));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    FileSystem jdk = FileSystems.getFileSystem(URI.create("jrt:/"));
    try (Stream<Path> modules = Files.walk(jdk.getPath("/modules"))) {
      modules.forEach(path -> addClass(path.toString(), found));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  private static void addClass(String entry, Set<String> found) {
    if (entry.endsWith(".class")) {
      String name = entry.substring(entry.lastIndexOf('/') + 1, entry.length() - ".class".length());
      found.add(name.substring(name.lastIndexOf('$') + 1));
    }
  }
}
