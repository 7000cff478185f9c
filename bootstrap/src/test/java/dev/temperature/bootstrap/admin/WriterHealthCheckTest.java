package dev.temperature.bootstrap.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck;
import dev.temperature.application.commit.GroupCommit;
import dev.temperature.application.commit.GroupCommitSettings;
import dev.temperature.application.commit.GroupObserver;
import dev.temperature.application.port.out.AppendReadings;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Temperature;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WriterHealthCheckTest {
  private static final Duration MAX_WAIT = Duration.ofSeconds(2);
  private static final Reading READING =
      new Reading(
          new BuildingId("main"), new RoomId("kitchen"), Temperature.celsius(20), Instant.EPOCH);

  private final CountDownLatch writing = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);

  /** A store that holds every write until released, as one that stopped answering. */
  private final AppendReadings stuck =
      new AppendReadings() {
        @Override
        public void append(List<Reading> readings) {
          writing.countDown();
          try {
            released.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }

        @Override
        public Optional<Duration> retention() {
          return Optional.empty();
        }
      };

  private final GroupCommit commit =
      new GroupCommit(stuck, new GroupCommitSettings(10, 100, MAX_WAIT), GroupObserver.NONE);
  private final WriterHealthCheck check = new WriterHealthCheck(commit, MAX_WAIT);

  @AfterEach
  void release() throws InterruptedException {
    released.countDown();
    commit.close();
  }

  @Test
  void aRunningWriterWithNothingToWriteIsHealthy() {
    assertThat(check.execute().isHealthy()).isTrue();
  }

  @Test
  void aWriterStuckOnOneGroupForLongerThanMaxWaitIsUnhealthyUntilTheStoreAnswers()
      throws Exception {
    Thread client = new Thread(() -> commit.append(List.of(READING)));
    client.setDaemon(true);
    client.start();
    assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(check.execute().isHealthy()).as("just started writing").isTrue();

    Thread.sleep(MAX_WAIT.toMillis() + 50);
    HealthCheck.Result stuckFor = check.execute();
    assertThat(stuckFor.isHealthy()).isFalse();
    assertThat(stuckFor.getMessage()).contains("longer than writes.maxWait");

    released.countDown();
    client.join(5000);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!check.execute().isHealthy()) {
      assertThat(System.nanoTime())
          .as("healthy again once the store answered")
          .isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  @Test
  void aClosedWriterIsUnhealthy() throws Exception {
    commit.close();

    HealthCheck.Result closed = check.execute();
    assertThat(closed.isHealthy()).isFalse();
    assertThat(closed.getMessage()).contains("shutting down");
  }
}
