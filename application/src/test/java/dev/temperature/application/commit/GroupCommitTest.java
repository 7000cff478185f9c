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
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every test runs on a thread of its own under a timeout, so that a writer that hangs fails the
 * test instead of the build waiting forever.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GroupCommitTest {
  private static final BuildingId BUILDING = new BuildingId("b");
  private static final RoomId ROOM = new RoomId("r");
  private static final Instant T0 = Instant.parse("2024-12-10T16:45:00Z");

  private final ExecutorService clients = Executors.newFixedThreadPool(16);
  private final InMemoryReadingStore memory = new InMemoryReadingStore();
  private final Gate gate = new Gate(memory);
  private final List<GroupObserver.Group> groups = new CopyOnWriteArrayList<>();
  private final Threads threads = new Threads();
  private final List<Hanging> hanging = new CopyOnWriteArrayList<>();

  @AfterEach
  void stopClients() {
    gate.open();
    hanging.forEach(Hanging::release);
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
  void withTwoWritersASecondGroupGoesToTheStoreWhileTheFirstIsInIt() throws Exception {
    GroupCommit commit =
        new GroupCommit(
            gate, new GroupCommitSettings(100, 1000, Duration.ofSeconds(10), 2), groups::add);
    Future<?> first = clients.submit(() -> commit.append(List.of(reading(0, 20.0))));
    gate.awaitWriting();
    Future<?> second = clients.submit(() -> commit.append(readings(1, 3)));
    awaitAppends(gate, 2);

    assertThat(commit.writingFor()).isPresent();
    gate.open();
    first.get(5, TimeUnit.SECONDS);
    second.get(5, TimeUnit.SECONDS);
    commit.close();

    assertThat(gate.appends).containsExactlyInAnyOrder(1, 3);
    assertThat(groups).allMatch(GroupObserver.Group::stored);
    assertThat(memory.size()).isEqualTo(4);
    assertThat(commit.writingFor()).isEmpty();
  }

  @Test
  void writingForIsHowLongTheOldestOfTheGroupsInTheStoreHasBeenThere() throws Exception {
    GroupCommit commit =
        new GroupCommit(
            gate, new GroupCommitSettings(100, 1000, Duration.ofSeconds(30), 2), groups::add);
    assertThat(commit.writingFor()).isEmpty();
    Future<?> first = clients.submit(() -> commit.append(List.of(reading(0, 1))));
    gate.awaitWriting();

    Thread.sleep(1000);
    Duration oneInTheStore = commit.writingFor().orElseThrow();
    Future<?> second = clients.submit(() -> commit.append(List.of(reading(1, 1))));
    awaitAppends(gate, 2);
    Duration twoInTheStore = commit.writingFor().orElseThrow();
    gate.open();
    first.get(5, TimeUnit.SECONDS);
    second.get(5, TimeUnit.SECONDS);
    commit.close();

    assertThat(oneInTheStore)
        .as("the idle writer has no group")
        .isBetween(Duration.ofSeconds(1), Duration.ofSeconds(20));
    assertThat(twoInTheStore)
        .as("the first group's time, not the second's")
        .isBetween(oneInTheStore, Duration.ofSeconds(20));
    assertThat(commit.writingFor()).isEmpty();
  }

  @Test
  void anIdleWriterOfTwoThatDiesIsReplacedAndTheOthersGroupIsStored() throws Exception {
    Observer observer = new Observer(null);
    GroupCommit commit =
        new GroupCommit(
            gate, new GroupCommitSettings(100, 1000, Duration.ofSeconds(10), 2), observer, threads);
    awaitThreads(threads, 2);
    Future<?> first = clients.submit(() -> commit.append(List.of(reading(0, 1))));
    gate.awaitWriting();
    Thread busy = awaitWriterInStore(threads);
    Thread idle = threads.made.get(0) == busy ? threads.made.get(1) : threads.made.get(0);

    idle.interrupt();
    idle.join(2000);
    awaitThreads(threads, 3);
    gate.open();
    first.get(5, TimeUnit.SECONDS);
    commit.append(List.of(reading(1, 1)));
    commit.close();

    assertThat(idle.isAlive()).isFalse();
    assertThat(observer.restarted).hasValue(1);
    assertThat(memory.size()).as("the group in the other writer's hands was stored").isEqualTo(2);
  }

  @Test
  void aWriterThatCannotBeReplacedLeavesTheOthersWritingButIsNotRunning() throws Exception {
    Threads two = new Threads(2);
    GroupCommit commit =
        new GroupCommit(
            memory,
            new GroupCommitSettings(100, 1000, Duration.ofSeconds(10), 2),
            new Observer(null),
            two);
    awaitThreads(two, 2);
    assertThat(commit.writerRunning()).isTrue();

    two.made.get(0).interrupt();
    two.made.get(0).join(2000);
    commit.append(List.of(reading(0, 1)));

    assertThat(commit.writerRunning()).as("one of its writers is gone").isFalse();
    assertThat(memory.size()).isEqualTo(1);
    commit.close();
  }

  @Test
  void closingWithTwoWritersWritesEverythingQueuedAndEndsBoth() throws Exception {
    gate.open();
    GroupCommit commit =
        new GroupCommit(
            gate,
            new GroupCommitSettings(2, 1000, Duration.ofSeconds(10), 2),
            groups::add,
            threads);
    List<Future<?>> writes = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      int second = i;
      writes.add(clients.submit(() -> commit.append(List.of(reading(second, 1)))));
    }
    for (Future<?> each : writes) {
      each.get(5, TimeUnit.SECONDS);
    }
    commit.close();

    assertThat(memory.size()).isEqualTo(20);
    assertThat(threads.made).hasSize(2).noneMatch(Thread::isAlive);
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

  @Test
  void aStoreThatThrowsFailsOnlyItsGroupWithThatFailureAndTheWriterGoesOn() throws Exception {
    RuntimeException bug = new IllegalStateException("a bug in the store");
    Scripted store = new Scripted(memory, bug);
    GroupCommit commit =
        new GroupCommit(store, new GroupCommitSettings(100, 1000), groups::add, threads);

    assertThatThrownBy(() -> commit.append(List.of(reading(0, 1)))).isSameAs(bug);
    commit.append(List.of(reading(1, 1)));
    commit.close();

    assertThat(memory.size()).isEqualTo(1);
    assertThat(threads.made).as("the same writer throughout").hasSize(1);
    assertThat(groups).extracting(GroupObserver.Group::stored).containsExactly(false, true);
  }

  @Test
  void aStoreThatThrowsAnErrorFailsItsGroupAsUnavailableAndTheWriterGoesOn() throws Exception {
    Error error = new StackOverflowError("deep in the driver");
    Scripted store = new Scripted(memory, error);
    GroupCommit commit =
        new GroupCommit(store, new GroupCommitSettings(100, 1000), groups::add, threads);

    assertThatThrownBy(() -> commit.append(List.of(reading(0, 1))))
        .isInstanceOf(StorageUnavailableException.class)
        .hasCause(error);
    commit.append(List.of(reading(1, 1)));
    commit.close();

    assertThat(memory.size()).isEqualTo(1);
    assertThat(threads.made).hasSize(1);
    assertThat(commit.queued()).isZero();
  }

  @Test
  void aFailureOutsideTheStoreCallFailsEveryWaitingWriteAndAFreshWriterTakesOver()
      throws Exception {
    for (Throwable failure :
        List.of(new IllegalStateException("metrics broke"), new AssertionError("metrics broke"))) {
      Observer observer = new Observer(failure);
      Gate gate = new Gate(memory);
      Threads threads = new Threads();
      GroupCommit commit =
          new GroupCommit(gate, new GroupCommitSettings(100, 1000), observer, threads);
      Future<?> first = clients.submit(() -> commit.append(List.of(reading(0, 1))));
      gate.awaitWriting();
      List<Future<?>> waiting = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        int second = i;
        waiting.add(clients.submit(() -> commit.append(List.of(reading(second, 1)))));
      }
      awaitQueued(commit, 3);

      gate.open();
      first.get(5, TimeUnit.SECONDS); // its group was stored before the observer failed
      for (Future<?> each : waiting) {
        assertThatThrownBy(() -> each.get(5, TimeUnit.SECONDS))
            .cause()
            .isInstanceOf(StorageUnavailableException.class)
            .hasMessageContaining("the writer stopped")
            .hasCause(failure);
      }
      awaitThreads(threads, 2);
      commit.append(List.of(reading(10, 1)));
      commit.close();

      assertThat(observer.died).containsExactly(failure);
      assertThat(observer.restarted).hasValue(1);
      // The dead writer starts its successor before it returns: give it a moment to end.
      threads.made.get(0).join(2000);
      assertThat(threads.made.get(0).isAlive()).isFalse();
      assertThat(commit.queued()).isZero();
    }
    assertThat(memory.size()).as("the first and the last write of each round").isEqualTo(2);
  }

  @Test
  void anInterruptEndsAnIdleWriterAtOnceAndAFreshOneTakesOver() throws Exception {
    Observer observer = new Observer(null);
    GroupCommit commit =
        new GroupCommit(memory, new GroupCommitSettings(100, 1000), observer, threads);
    Thread first = threads.made.get(0);

    first.interrupt();
    first.join(2000);

    assertThat(first.isAlive()).as("the interrupted writer has ended").isFalse();
    awaitThreads(threads, 2);
    assertThat(observer.died).singleElement().isInstanceOf(InterruptedException.class);
    assertThat(observer.restarted).hasValue(1);
    commit.append(List.of(reading(0, 1)));
    assertThat(memory.size()).isEqualTo(1);
    assertThat(commit.writerRunning()).isTrue();
    commit.close();
    assertThat(commit.writerRunning()).isFalse();
  }

  @Test
  void anInterruptWhileWritingFailsTheGroupAndEveryQueuedWriteAsUnavailable() throws Exception {
    Hanging store = hang(true);
    GroupCommit commit =
        new GroupCommit(store, new GroupCommitSettings(100, 1000), groups::add, threads);
    Future<?> inStore = clients.submit(() -> commit.append(List.of(reading(0, 1))));
    store.awaitWriting();
    Future<?> queued = clients.submit(() -> commit.append(List.of(reading(1, 1))));
    awaitQueued(commit, 1);

    threads.made.get(0).interrupt();

    assertThatThrownBy(() -> inStore.get(5, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(StorageUnavailableException.class)
        .hasMessageContaining("interrupted in the store");
    assertThatThrownBy(() -> queued.get(5, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(StorageUnavailableException.class)
        .hasMessageContaining("the writer stopped");
    awaitThreads(threads, 2);
    // The dead writer starts its successor before it returns: give it a moment to end.
    threads.made.get(0).join(2000);
    assertThat(threads.made.get(0).isAlive()).isFalse();
    store.release();
    commit.append(List.of(reading(2, 1)));
    commit.close();
    assertThat(store.written).containsExactly(List.of(reading(2, 1)));
  }

  @Test
  void aWriteWaitsNoLongerThanMaxWaitForAStoreThatNeverReturns() throws Exception {
    Hanging store = hang(false);
    Duration maxWait = Duration.ofMillis(300);
    GroupCommit commit =
        new GroupCommit(store, new GroupCommitSettings(100, 1000, maxWait), groups::add, threads);
    Future<Long> inStore = clients.submit(() -> millisToFail(commit, reading(0, 1)));
    store.awaitWriting();
    Future<Long> queued = clients.submit(() -> millisToFail(commit, reading(1, 1)));

    assertThat(inStore.get(5, TimeUnit.SECONDS)).isBetween(maxWait.toMillis(), 5000L);
    assertThat(queued.get(5, TimeUnit.SECONDS)).isBetween(maxWait.toMillis(), 5000L);
    assertThat(commit.writingFor()).hasValueSatisfying(d -> assertThat(d).isGreaterThan(maxWait));

    // Once the store returns, the write still queued when its caller gave up is not written.
    store.release();
    commit.append(List.of(reading(2, 1)));
    assertThat(store.written).containsExactly(List.of(reading(0, 1)), List.of(reading(2, 1)));
    assertThat(commit.writingFor()).isEmpty();
    assertThat(commit.queued()).isZero();
    commit.close();
  }

  @Test
  void closingEndsWithinItsBoundAndFailsWhatIsLeftWhenTheStoreNeverReturns() throws Exception {
    Hanging store = hang(false);
    Duration maxWait = Duration.ofMillis(300);
    GroupCommit commit =
        new GroupCommit(store, new GroupCommitSettings(100, 1000, maxWait), groups::add, threads);
    Future<?> inStore = clients.submit(() -> commit.append(List.of(reading(0, 1))));
    store.awaitWriting();
    Future<?> queued = clients.submit(() -> commit.append(List.of(reading(1, 1))));
    awaitQueued(commit, 1);

    long start = System.nanoTime();
    commit.close();
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).isLessThan(maxWait.plus(GroupCommit.INTERRUPT_GRACE).plusSeconds(3));
    for (Future<?> each : List.of(inStore, queued)) {
      assertThatThrownBy(() -> each.get(1, TimeUnit.SECONDS))
          .cause()
          .isInstanceOf(StorageUnavailableException.class);
    }
    assertThat(store.written).isEmpty();
  }

  @Test
  void closingInterruptsAWriterStillBusyAfterMaxWait() throws Exception {
    Hanging store = hang(true);
    Duration maxWait = Duration.ofMillis(200);
    GroupCommit commit =
        new GroupCommit(store, new GroupCommitSettings(100, 1000, maxWait), groups::add, threads);
    Future<?> inStore = clients.submit(() -> commit.append(List.of(reading(0, 1))));
    store.awaitWriting();

    commit.close();

    assertThat(threads.made.get(0).isAlive()).isFalse();
    assertThat(threads.made).as("no writer after closing").hasSize(1);
    assertThatThrownBy(() -> inStore.get(1, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(StorageUnavailableException.class);
  }

  @Test
  void aWriterThatCannotBeReplacedShowsAsNotRunningAndWritesStillEndWithinMaxWait()
      throws Exception {
    Observer observer = new Observer(new IllegalStateException("metrics broke"));
    Threads once = new Threads(1);
    Duration maxWait = Duration.ofMillis(200);
    GroupCommit commit =
        new GroupCommit(memory, new GroupCommitSettings(100, 1000, maxWait), observer, once);

    commit.append(List.of(reading(0, 1))); // stored; then the observer kills the writer
    once.made.get(0).join(2000);

    assertThat(commit.writerRunning()).isFalse();
    assertThat(observer.restarted).hasValue(0);
    assertThatThrownBy(() -> commit.append(List.of(reading(1, 1))))
        .isInstanceOf(StorageUnavailableException.class)
        .hasMessageContaining("nothing of it was stored");
    commit.close();
    assertThat(memory.size()).isEqualTo(1);
  }

  @Test
  void anInterruptedCallerWaitsOnForItsGroupAndKeepsItsInterrupt() throws Exception {
    GroupCommit commit =
        new GroupCommit(gate, new GroupCommitSettings(100, 1000), groups::add, threads);
    AtomicBoolean keptInterrupt = new AtomicBoolean();
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                commit.append(List.of(reading(0, 1)));
                keptInterrupt.set(Thread.currentThread().isInterrupted());
              } catch (RuntimeException | Error e) {
                failed.set(e);
              }
            });
    caller.start();
    gate.awaitWriting();

    caller.interrupt();
    caller.join(200);
    assertThat(caller.isAlive()).as("still waiting for the group in the store").isTrue();
    gate.open();
    caller.join(5000);

    assertThat(caller.isAlive()).isFalse();
    assertThat(failed.get()).isNull();
    assertThat(keptInterrupt).isTrue();
    assertThat(memory.size()).isEqualTo(1);
    commit.close();
  }

  @Test
  void settingsRefuseAWaitThatIsNotPositive() {
    assertThatThrownBy(() -> new GroupCommitSettings(1, 1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be positive");
    assertThatThrownBy(() -> new GroupCommitSettings(1, 1, Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new GroupCommitSettings(1, 1).maxWait())
        .isEqualTo(GroupCommitSettings.DEFAULT_MAX_WAIT);
  }

  private Hanging hang(boolean interruptible) {
    Hanging store = new Hanging(interruptible);
    hanging.add(store);
    return store;
  }

  /** How long an append of {@code reading} took to fail as unavailable. */
  private static long millisToFail(GroupCommit commit, Reading reading) {
    long start = System.nanoTime();
    assertThatThrownBy(() -> commit.append(List.of(reading)))
        .isInstanceOf(StorageUnavailableException.class)
        .hasMessageContaining("writes.maxWait");
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  private static void awaitAppends(Gate gate, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (gate.appends.size() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("only " + gate.appends.size() + " groups reached the store");
      }
      Thread.sleep(1);
    }
  }

  /** The writer thread waiting in the store (in the gate), once one is. */
  private static Thread awaitWriterInStore(Threads threads) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      for (Thread thread : threads.made) {
        if (thread.getState() == Thread.State.WAITING
            && Arrays.stream(thread.getStackTrace())
                .anyMatch(frame -> frame.getClassName().endsWith("$Gate"))) {
          return thread;
        }
      }
      Thread.sleep(1);
    }
    throw new AssertionError("no writer in the store");
  }

  private static void awaitThreads(Threads threads, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (threads.made.size() < count || !threads.made.get(count - 1).isAlive()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("only " + threads.made.size() + " writers started");
      }
      Thread.sleep(1);
    }
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

  /** Writer threads as the default makes them, kept so that a test can interrupt one. */
  private static final class Threads implements ThreadFactory {
    final List<Thread> made = new CopyOnWriteArrayList<>();
    private final int limit;

    Threads() {
      this(Integer.MAX_VALUE);
    }

    /** Makes {@code limit} threads, then fails as a JVM out of threads would. */
    Threads(int limit) {
      this.limit = limit;
    }

    @Override
    public Thread newThread(Runnable work) {
      if (made.size() >= limit) {
        throw new OutOfMemoryError("unable to create native thread");
      }
      Thread thread = new Thread(work, "group-commit-test");
      thread.setDaemon(true);
      made.add(thread);
      return thread;
    }
  }

  /** Records the writer's deaths and restarts; fails on the first group when told to. */
  private static final class Observer implements GroupObserver {
    final List<Throwable> died = new CopyOnWriteArrayList<>();
    final AtomicInteger restarted = new AtomicInteger();
    private final AtomicReference<Throwable> failOnce;

    Observer(Throwable failOnce) {
      this.failOnce = new AtomicReference<>(failOnce);
    }

    @Override
    public void committed(Group group) {
      Throwable failure = failOnce.getAndSet(null);
      if (failure instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (failure instanceof Error error) {
        throw error;
      }
    }

    @Override
    public void writerDied(Throwable cause) {
      died.add(cause);
    }

    @Override
    public void writerRestarted() {
      restarted.incrementAndGet();
    }
  }

  /** A store whose first append throws {@code failure}; the later ones write. */
  private static final class Scripted implements AppendReadings {
    private final AppendReadings store;
    private final AtomicReference<Throwable> failure;

    Scripted(AppendReadings store, Throwable failure) {
      this.store = store;
      this.failure = new AtomicReference<>(failure);
    }

    @Override
    public void append(List<Reading> readings) {
      Throwable once = failure.getAndSet(null);
      if (once instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (once instanceof Error error) {
        throw error;
      }
      store.append(readings);
    }

    @Override
    public Optional<Duration> retention() {
      return Optional.empty();
    }
  }

  /**
   * A store whose appends do not return until released: as a database that stopped answering on a
   * socket without a timeout. It either gives up when interrupted, as JDBC drivers mostly do, or
   * ignores interrupts altogether.
   */
  private static final class Hanging implements AppendReadings {
    final List<List<Reading>> written = new CopyOnWriteArrayList<>();
    private final boolean interruptible;
    private final CountDownLatch writing = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    Hanging(boolean interruptible) {
      this.interruptible = interruptible;
    }

    @Override
    public void append(List<Reading> readings) {
      writing.countDown();
      boolean interrupted = false;
      while (released.getCount() > 0) {
        try {
          released.await();
        } catch (InterruptedException e) {
          if (interruptible) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted in the store", e);
          }
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      written.add(List.copyOf(readings));
    }

    @Override
    public Optional<Duration> retention() {
      return Optional.empty();
    }

    void awaitWriting() throws InterruptedException {
      assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();
    }

    void release() {
      released.countDown();
    }
  }
}
