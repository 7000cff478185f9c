package dev.temperature.checks.docs;

import dev.temperature.checks.ShippedFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The pages of README.md and docs/, as far as the docs tests read them: code, in and out of text.
 */
final class Markdown {
  /** Fenced blocks in these languages (or none) hold shell commands. */
  private static final Set<String> SHELL = Set.of("", "sh", "bash", "shell", "console");

  private Markdown() {}

  /** One piece of code of a page: where it is, and its text. */
  record Code(String where, String text) {}

  /** README.md and every page under docs/. */
  static List<Path> pages(Path root) {
    try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
      List<Path> pages = new ArrayList<>();
      pages.add(root.resolve("README.md"));
      docs.filter(file -> file.toString().endsWith(".md")).sorted().forEach(pages::add);
      return pages;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The code spans of a page's text, as CommonMark reads them: a run of backticks opens one and the
   * next run of as many closes it, across line breaks (which become spaces); one space inside each
   * end is dropped. Fenced blocks are left out.
   */
  static List<Code> codeSpans(Path root, Path page) {
    String name = root.relativize(page).toString();
    List<Code> spans = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    List<Integer> lineOf = new ArrayList<>();
    String[] lines = ShippedFiles.read(page).split("\n", -1);
    boolean fenced = false;
    for (int index = 0; index < lines.length; index++) {
      if (lines[index].strip().startsWith("```")) {
        fenced = !fenced;
        text.append('\n');
        lineOf.add(index + 1);
        continue;
      }
      String line = fenced ? "" : lines[index];
      for (int i = 0; i <= line.length(); i++) {
        lineOf.add(index + 1);
      }
      text.append(line).append('\n');
    }
    int i = 0;
    while (i < text.length()) {
      if (text.charAt(i) != '`') {
        i++;
        continue;
      }
      int run = runOfBackticks(text, i);
      int close = findRun(text, i + run, run);
      if (close < 0) {
        i += run;
        continue;
      }
      String code = text.substring(i + run, close).replace('\n', ' ');
      if (code.length() > 2 && code.startsWith(" ") && code.endsWith(" ")) {
        code = code.substring(1, code.length() - 1);
      }
      spans.add(new Code(name + ":" + lineOf.get(Math.min(i, lineOf.size() - 1)), code));
      i = close + run;
    }
    return spans;
  }

  /** The lines of the page's fenced shell blocks, without a leading prompt ({@code $ }). */
  static List<Code> shellLines(Path root, Path page) {
    String name = root.relativize(page).toString();
    List<Code> commands = new ArrayList<>();
    String[] lines = ShippedFiles.read(page).split("\n", -1);
    boolean shell = false;
    boolean fenced = false;
    for (int index = 0; index < lines.length; index++) {
      String line = lines[index].strip();
      if (line.startsWith("```")) {
        fenced = !fenced;
        shell = fenced && SHELL.contains(line.substring(3).strip());
        continue;
      }
      if (shell && !line.isEmpty() && !line.startsWith("#")) {
        commands.add(new Code(name + ":" + (index + 1), line.replaceFirst("^\\$ ", "")));
      }
    }
    return commands;
  }

  private static int runOfBackticks(CharSequence text, int from) {
    int end = from;
    while (end < text.length() && text.charAt(end) == '`') {
      end++;
    }
    return end - from;
  }

  /** Where the next run of exactly {@code length} backticks starts, or -1. */
  private static int findRun(CharSequence text, int from, int length) {
    int i = from;
    while (i < text.length()) {
      if (text.charAt(i) == '`') {
        int run = runOfBackticks(text, i);
        if (run == length) {
          return i;
        }
        i += run;
      } else {
        i++;
      }
    }
    return -1;
  }
}
