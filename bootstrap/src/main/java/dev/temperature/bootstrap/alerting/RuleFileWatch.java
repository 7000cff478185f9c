package dev.temperature.bootstrap.alerting;

import dev.temperature.application.port.in.ReloadAlertRulesUseCase;
import dev.temperature.application.port.out.InvalidAlertRulesException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the rules when their file changes, checked before each evaluation: a poll of the file's
 * modification time and size, which works on every file system (a Kubernetes ConfigMap is a
 * symbolic link swapped under the mount, which inotify-based watches miss).
 */
public final class RuleFileWatch implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(RuleFileWatch.class);

  private final Path file;
  private final ReloadAlertRulesUseCase reload;
  private Object seen;

  public RuleFileWatch(Path file, ReloadAlertRulesUseCase reload) {
    this.file = file;
    this.reload = reload;
    this.seen = stamp();
  }

  private Object stamp() {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return attributes.lastModifiedTime().toMillis() + ":" + attributes.size();
    } catch (IOException e) {
      return "unreadable";
    }
  }

  @Override
  public void run() {
    Object now = stamp();
    if (Objects.equals(now, seen)) {
      return;
    }
    seen = now;
    try {
      int rules = reload.reload().size();
      LOG.info("Alert rules reloaded from {} after it changed: {} rules", file, rules);
    } catch (InvalidAlertRulesException e) {
      LOG.error(
          "Alert rules in {} changed but are invalid; the rules loaded before stay in force:\n{}",
          file,
          e.getMessage());
    }
  }
}
