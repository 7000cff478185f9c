package dev.temperature.bootstrap.admin;

import com.codahale.metrics.health.HealthCheck;
import dev.temperature.application.commit.GroupCommit;
import java.time.Duration;
import java.util.Objects;

/**
 * Whether the group-commit writer takes writes: a writer is running, and it has not been writing
 * one group for longer than a request waits for it ({@code writes.maxWait}), which means the store
 * stopped answering it. Readiness counts it, so an instance whose every write would end in a 503 is
 * taken out of service.
 */
public final class WriterHealthCheck extends HealthCheck {
  /** The name under which it is registered, and shown by the probes. */
  public static final String NAME = "writes";

  private final GroupCommit commit;
  private final Duration maxWait;

  public WriterHealthCheck(GroupCommit commit, Duration maxWait) {
    this.commit = Objects.requireNonNull(commit);
    this.maxWait = Objects.requireNonNull(maxWait);
  }

  @Override
  protected Result check() {
    if (commit.closed()) {
      return Result.unhealthy("shutting down: writes are no longer taken");
    }
    if (!commit.writerRunning()) {
      return Result.unhealthy("a group-commit writer is not running; see the log for why it ended");
    }
    Duration writing = commit.writingFor().orElse(Duration.ZERO);
    if (writing.compareTo(maxWait) > 0) {
      return Result.unhealthy(
          "the writer has been writing one group for "
              + writing.toMillis()
              + " ms, longer than writes.maxWait ("
              + maxWait.toMillis()
              + " ms): the store does not answer it");
    }
    return Result.healthy();
  }
}
