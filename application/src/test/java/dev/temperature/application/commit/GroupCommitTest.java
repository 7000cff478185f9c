package dev.temperature.application.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.temperature.application.port.out.AppendReadings;
import dev.temperature.application.port.out.InMemoryReadingStore;
import dev.temperature.application.port.out.StorageBusyException;
import dev.temperature.application.port.out.StorageUnavailableException;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.Reading;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.Temperature;
import dev.temperature.domain.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
  private static final BuildingId BUILDING = new BuildingId("b");
  private static final RoomId ROOM = new RoomId("r");
  private static final Instant T0 = Instant.parse("2024-12-10T16:45:00Z");

  private final ExecutorService clients = Executors.newFixedThreadPool(16);
  private final InMemoryReadingStore memory = new InMemoryReadingStore();
  private final Gate gate = new Gate(memory);
  private final List<GroupObserver.Group> groups = new CopyOnWriteArrayList<>();

  @AfterEach
  void stopClients() {
    gate.open();
    clients.shutdownNow();
  }

  @Test
  void writesThatQueueWhileTheStoreIsBusyAreWrittenAsOneGroup() throws Exception {
    GroupCommit commit = new GroupCommit(gate, new GroupCommitSettings(100, 1000), groups::add);
    Future<?> first = clients.submit(() -> commit.append(List.of(reading(0, 20.0))));
    gate.awaitWriting();
    List<Future<?>> waiting = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      int second = i;
      waiting.add(clients.submit(() -> commit.append(List.of(reading(second, 20.0)))));
    }
    awaitQueued(commit, 10);

    gate.open();
    first.get(5, TimeUnit.SECONDS);
    for (Future<?> each : waiting) {
      each.get(5, TimeUnit.SECONDS);
    }
    commit.close();

    assertThat(gate.appends).containsExactly(1, 10);
    assertThat(groups).extracting(GroupObserver.Group::requests).containsExactly(1, 10);
    assertThat(groups).allMatch(GroupObserver.Group::stored);
    assertThat(memory.size()).isEqualTo(11);
  }

  @Test
  void aGroupNeverGrowsPastItsLimitButALargerWriteIsAGroupOfItsOwn() throws Exception {
    GroupCommit commit = new GroupCommit(gate, new GroupCommitSettings(3, 100), groups::add);
    Future<?> blocker = clients.submit(() -> commit.append(List.of(reading(0, 1))));
    gate.awaitWriting();
    List<Future<?>> waiting = new ArrayList<>();
    waiting.add(clients.submit(() -> commit.append(readings(1, 5))));
    awaitQueued(commit, 5);
    for (int i = 10; i < 13; i++) {
      int second = i;
      waiting.add(clients.submit(() -> commit.append(List.of(reading(second, 1)))));
      awaitQueued(commit, 5 + i - 9);
    }

    gate.open();
    blocker.get(5, TimeUnit.SECONDS);
    for (Future<?> each : waiting) {
      each.get(5, TimeUnit.SECONDS);
    }
    commit.close();

    assertThat(gate.appends).containsExactly(1, 5, 3);
  }

  @Test
  void aFailedGroupFailsEveryWriteInItAndTheWriterGoesOn() throws Exception {
    GroupCommit commit = new GroupCommit(gate, new GroupCommitSettings(100, 1000), groups::add);
    Future<?> blocker = clients.submit(() -> commit.append(List.of(reading(0, 1))));
    gate.awaitWriting();
    memory.failWith(true);
    List<Future<?>> waiting = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      int second = i;
      waiting.add(clients.submit(() -> commit.append(List.of(reading(second, 1)))));
    }
    awaitQueued(commit, 4);

    gate.open();
    for (Future<?> each : waiting) {
      assertThatThrownBy(() -> each.get(5, TimeUnit.SECONDS))
          .hasCauseInstanceOf(StorageUnavailableException.class);
    }
    assertThatThrownBy(() -> blocker.get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(StorageUnavailableException.class);
    memory.failWith(false);
    commit.append(List.of(reading(9, 1)));
    commit.close();

    assertThat(groups).extracting(GroupObserver.Group::stored).containsExactly(false, false, true);
    assertThat(memory.size()).isEqualTo(1);
  }

  @Test
  void aFullQueueRefusesAtOnceAndStoresNothingOfThatWrite() throws Exception {
    GroupCommit commit = new GroupCommit(gate, new GroupCommitSettings(2, 3), groups::add);
    Future<?> blocker = clients.submit(() -> commit.append(List.of(reading(0, 1))));
    gate.awaitWriting();
    Future<?> queued = clients.submit(() -> commit.append(readings(1, 2)));
    awaitQueued(commit, 2);

    assertThatThrownBy(() -> commit.append(List.of(reading(5, 1))))
        .isInstanceOf(StorageBusyException.class)
        .hasMessageContaining("3 readings are already waiting");

    gate.open();
    blocker.get(5, TimeUnit.SECONDS);
    queued.get(5, TimeUnit.SECONDS);
    commit.close();
    assertThat(memory.size()).isEqualTo(3);
  }

  @Test
  void theLaterOfTwoReadingsWithTheSameKeyWinsInArrivalOrder() throws Exception {
    GroupCommit commit = new GroupCommit(gate, new GroupCommitSettings(100, 1000), groups::add);
    Future<?> blocker = clients.submit(() -> commit.append(List.of(reading(9, 1))));
    gate.awaitWriting();
    Future<?> older = clients.submit(() -> commit.append(List.of(reading(0, 18.0))));
    awaitQueued(commit, 1);
    Future<?> newer = clients.submit(() -> commit.append(List.of(reading(0, 23.0))));
    awaitQueued(commit, 2);

    gate.open();
    blocker.get(5, TimeUnit.SECONDS);
    older.get(5, TimeUnit.SECONDS);
    newer.get(5, TimeUnit.SECONDS);
    commit.close();

    assertThat(gate.appends).containsExactly(1, 2);
    assertThat(memory.aggregate(BUILDING, ROOM, new Window(T0, T0)).sum()).isEqualTo(23.0);
  }

  @Test
  void closingWritesWhatIsQueuedThenRefusesNewWrites() throws Exception {
    GroupCommit commit = new GroupCommit(gate, new GroupCommitSettings(100, 1000), groups::add);
    Future<?> blocker = clients.submit(() -> commit.append(List.of(reading(0, 1))));
    gate.awaitWriting();
    List<Future<?>> waiting = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      int second = i;
      waiting.add(clients.submit(() -> commit.append(List.of(reading(second, 1)))));
    }
    awaitQueued(commit, 5);
    Future<?> closing =
        clients.submit(
            () -> {
              commit.close();
              return null;
            });
    awaitClosed(commit);

    assertThatThrownBy(() -> commit.append(List.of(reading(30, 1))))
        .isInstanceOf(StorageUnavailableException.class)
        .hasMessageContaining("shutting down");
    assertThat(closing.isDone()).as("close waits for the queued writes").isFalse();
    gate.open();
    closing.get(5, TimeUnit.SECONDS);
    for (Future<?> each : waiting) {
      each.get(1, TimeUnit.SECONDS);
    }
    assertThat(memory.size()).isEqualTo(6);
  }

  @Test
  void theRetentionIsTheStores() throws Exception {
    memory.keepFor(Duration.ofDays(30));
    GroupCommit commit = new GroupCommit(memory, GroupCommitSettings.DEFAULT, GroupObserver.NONE);
    assertThat(commit.retention()).contains(Duration.ofDays(30));
    commit.close();
  }

  private static Reading reading(int second, double celsius) {
    return new Reading(BUILDING, ROOM, Temperature.celsius(celsius), T0.plusSeconds(second));
  }

  private static List<Reading> readings(int firstSecond, int count) {
    List<Reading> readings = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      readings.add(reading(firstSecond + i, 1));
    }
    return readings;
  }

  @Test
  void anEmptyWriteAsksNothingOfTheStore() throws Exception {
    GroupCommit commit = new GroupCommit(gate, new GroupCommitSettings(10, 10), groups::add);

    commit.append(List.of());
    commit.close();

    assertThat(gate.appends).isEmpty();
    assertThat(groups).isEmpty();
  }

  @Test
  void aWriteAsLargeAsTheQueueIsTakenAndALargerOneIsACallersBug() throws Exception {
    gate.open();
    GroupCommit commit = new GroupCommit(gate, new GroupCommitSettings(4, 4), groups::add);

    commit.append(readings(0, 4));
    commit.append(readings(10, 4)); // the first write's room is free again once it is written

    assertThat(commit.queued()).isZero();
    assertThatThrownBy(() -> commit.append(readings(20, 5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than the queue holds");
    commit.close();
    assertThat(memory.size()).isEqualTo(8);
  }

  @Test
  void aWriteRefusedWhileClosingKeepsNoRoom() throws Exception {
    gate.open();
    GroupCommit commit = new GroupCommit(gate, new GroupCommitSettings(4, 4), groups::add);
    commit.close();

    assertThatThrownBy(() -> commit.append(readings(0, 4)))
        .isInstanceOf(StorageUnavailableException.class);
    assertThat(commit.queued()).isZero();
  }

  @Test
  void queuedWritesJoinAGroupWhileTheirReadingsFit() throws Exception {
    GroupCommit commit = new GroupCommit(gate, new GroupCommitSettings(4, 100), groups::add);
    Future<?> blocker = clients.submit(() -> commit.append(List.of(reading(0, 1))));
    gate.awaitWriting();
    List<Future<?>> waiting = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int first = 10 * (i + 1);
      waiting.add(clients.submit(() -> commit.append(readings(first, 2))));
      awaitQueued(commit, 2 * (i + 1));
    }

    gate.open();
    blocker.get(5, TimeUnit.SECONDS);
    for (Future<?> each : waiting) {
      each.get(5, TimeUnit.SECONDS);
    }
    commit.close();

    assertThat(gate.appends).containsExactly(1, 4, 2);
  }

  @Test
  void theObserverHearsHowLongAGroupWaitedAndTook() throws Exception {
    gate.open();
    AppendReadings slow =
        readings -> {
          try {
            Thread.sleep(30);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          memory.append(readings);
        };
    GroupCommit commit = new GroupCommit(slow, new GroupCommitSettings(4, 4), groups::add);

    long before = System.nanoTime();
    commit.append(readings(0, 2));
    long elapsed = System.nanoTime() - before;
    commit.close();

    GroupObserver.Group group = groups.get(0);
    assertThat(group.requests()).isEqualTo(1);
    assertThat(group.readings()).isEqualTo(2);
    assertThat(group.took()).isGreaterThanOrEqualTo(Duration.ofMillis(30));
    assertThat(group.took()).isLessThanOrEqualTo(Duration.ofNanos(elapsed));
    assertThat(group.waited()).isBetween(Duration.ZERO, Duration.ofNanos(elapsed));
  }

  @Test
  void anIdleWriterStillTakesTheNextWrite() throws Exception {
    gate.open();
    GroupCommit commit = new GroupCommit(gate, new GroupCommitSettings(4, 4), groups::add);

    Thread.sleep(300); // the writer polls its queue every 100 ms and finds it empty
    Future<?> late = clients.submit(() -> commit.append(readings(0, 1)));

    late.get(5, TimeUnit.SECONDS);
    commit.close();
    assertThat(memory.size()).isEqualTo(1);
  }

  private static void awaitQueued(GroupCommit commit, int readings) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (commit.queued() < readings + 1) { // the write in the store holds its room too
      if (System.nanoTime() > deadline) {
        throw new AssertionError("only " + commit.queued() + " readings queued");
      }
      Thread.sleep(1);
    }
  }

  private static void awaitClosed(GroupCommit commit) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!commit.closed()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not closed");
      }
      Thread.sleep(1);
    }
  }

  /** A store that holds its first write until opened, so that others queue meanwhile. */
  private static final class Gate implements AppendReadings {
    private final AppendReadings store;
    private final CountDownLatch writing = new CountDownLatch(1);
    private final CountDownLatch open = new CountDownLatch(1);
    final List<Integer> appends = new CopyOnWriteArrayList<>();

    Gate(AppendReadings store) {
      this.store = store;
    }

    @Override
    public void append(List<Reading> readings) {
      appends.add(readings.size());
      writing.countDown();
      try {
        open.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      store.append(readings);
    }

    @Override
    public Optional<Duration> retention() {
      return store.retention();
    }

    void awaitWriting() throws InterruptedException {
      assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();
    }

    void open() {
      open.countDown();
    }
  }
}
