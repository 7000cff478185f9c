package dev.temperature.application.commit;

import dev.temperature.application.port.out.AppendReadings;
import dev.temperature.application.port.out.StorageBusyException;
import dev.temperature.application.port.out.StorageUnavailableException;
import dev.temperature.domain.Reading;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Group commit: the readings of concurrent requests are written together, in one transaction or one
 * line-protocol request, by the store's writers ({@link GroupCommitSettings#writers()}: one for
 * SQLite, which takes one writer at a time, a few where the engine takes writes in parallel). A
 * database commits a group about as fast as a single reading, so throughput grows with the number
 * of clients instead of their contention for the store. Each caller still returns only once its
 * group is durable, and a failed group fails each of its callers: an acknowledged reading is a
 * stored one.
 *
 * <p>Nothing waits to fill a group: while a writer commits one group, the next gathers on its own.
 * Each writer takes the oldest queued writes, so with one writer groups commit in arrival order;
 * with several, two groups in the store at the same time may commit in either order. Only writes
 * whose requests overlap in time can change places that way (a write acknowledged before another is
 * sent is always the older), and within one write the later of two readings with the same key wins,
 * as the port promises. The queue is bounded in readings; past it a write is refused at once with
 * {@link StorageBusyException}, before anything is stored.
 *
 * <p>Nothing waits forever. A caller waits at most {@link GroupCommitSettings#maxWait()}; a write
 * still queued then is dropped unwritten, one already in the store may still be committed. Every
 * way out of the writer's loop other than closing (an interrupt, a failure outside the store's
 * call) fails its own group and every request still queued as unavailable and starts a new writer;
 * {@link #close()} returns within about {@code maxWait}, failing what it could not write.
 */
public final class GroupCommit implements AppendReadings, AutoCloseable {
  /** How long closing waits, after interrupting a writer that did not finish, for it to end. */
  static final Duration INTERRUPT_GRACE = Duration.ofSeconds(1);

  private static final long POLL_MILLIS = 100;

  private final AppendReadings store;
  private final GroupCommitSettings settings;
  private final GroupObserver observer;
  private final ThreadFactory threads;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Semaphore room;
  private final List<Writer> writers;
  private volatile boolean closed;

  /** One writer: its thread, and the group it has in the store. */
  private static final class Writer {
    volatile Thread thread;
    volatile InFlight inFlight;
    // When the store was called with the group now in it, 0 while none is: cleared as soon as the
    // store returns, before the group's callers are answered, so that a caller who got its answer
    // never sees its group as still in the store. inFlight lasts until they are all answered.
    volatile long inStoreSince;
  }

  /** One request's readings, from the queue until their group is written or given up. */
  private static final class Pending {
    private enum State {
      QUEUED,
      TAKEN,
      ABANDONED
    }

    final List<Reading> readings;
    final long queuedAt = System.nanoTime();
    final CompletableFuture<Void> done = new CompletableFuture<>();
    private final AtomicReference<State> state = new AtomicReference<>(State.QUEUED);
    private final AtomicBoolean released = new AtomicBoolean();

    Pending(List<Reading> readings) {
      this.readings = readings;
    }

    /** The writer takes it into a group, unless its caller gave up first. */
    boolean take() {
      return state.compareAndSet(State.QUEUED, State.TAKEN);
    }

    /** Its caller gives up, unless the writer took it first. */
    boolean abandon() {
      return state.compareAndSet(State.QUEUED, State.ABANDONED);
    }
  }

  /** The group in the store now, and since when. */
  private record InFlight(List<Pending> group) {}

  public GroupCommit(AppendReadings store, GroupCommitSettings settings, GroupObserver observer) {
    this(store, settings, observer, GroupCommit::writerThread);
  }

  /** With writer threads from {@code threads}, so that a test can reach them. */
  GroupCommit(
      AppendReadings store,
      GroupCommitSettings settings,
      GroupObserver observer,
      ThreadFactory threads) {
    this.store = Objects.requireNonNull(store);
    this.settings = Objects.requireNonNull(settings);
    this.observer = Objects.requireNonNull(observer);
    this.threads = Objects.requireNonNull(threads);
    this.room = new Semaphore(settings.queueCapacity());
    List<Writer> made = new ArrayList<>();
    for (int i = 0; i < settings.writers(); i++) {
      Writer writer = new Writer();
      writer.thread = startWriter(writer);
      made.add(writer);
    }
    this.writers = List.copyOf(made);
  }

  /**
   * A daemon: closing is what drains the queue, and a writer stuck in a store that never returns
   * must not keep the process alive after it.
   */
  private static Thread writerThread(Runnable work) {
    Thread thread = new Thread(work, "group-commit");
    thread.setDaemon(true);
    return thread;
  }

  /**
   * Queues the readings and waits until their group is durable, at most {@code maxWait}.
   *
   * @throws StorageBusyException when the queue is full; nothing was stored
   * @throws StorageUnavailableException when the server is shutting down, when the group was not
   *     written within {@code maxWait} (it may still be), or as the store threw
   */
  @Override
  public void append(List<Reading> readings) {
    if (readings.isEmpty()) {
      return;
    }
    if (readings.size() > settings.queueCapacity()) {
      throw new IllegalArgumentException(
          readings.size() + " readings at once, more than the queue holds");
    }
    if (!room.tryAcquire(readings.size())) {
      throw new StorageBusyException(
          settings.queueCapacity() + " readings are already waiting to be written");
    }
    Pending pending = new Pending(List.copyOf(readings));
    synchronized (this) {
      if (closed) {
        release(pending);
        throw new StorageUnavailableException("the server is shutting down", null);
      }
      queue.add(pending);
    }
    await(pending);
  }

  private void await(Pending pending) {
    long deadline = pending.queuedAt + settings.maxWait().toNanos();
    boolean interrupted = false;
    try {
      while (true) {
        try {
          pending.done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
          return;
        } catch (InterruptedException e) {
          // Waiting on, up to the deadline: a caller interrupted while waiting must not report a
          // reading as lost that the writer is about to commit.
          interrupted = true;
        } catch (ExecutionException e) {
          throw failure(e.getCause());
        } catch (TimeoutException e) {
          gaveUp(pending);
          return;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Past {@code maxWait}: dropped unwritten if still queued, else still in the writer's hands. */
  private void gaveUp(Pending pending) {
    String waited = "not written within writes.maxWait (" + settings.maxWait() + ")";
    if (pending.abandon()) {
      throw new StorageUnavailableException(
          waited + ": the writer had not taken it yet; nothing of it was stored", null);
    }
    // Taken: it may have been written since the wait ended.
    if (pending.done.isDone()) {
      try {
        pending.done.join();
        return;
      } catch (CompletionException e) {
        throw failure(e.getCause());
      }
    }
    throw new StorageUnavailableException(
        waited + ": its group is still being written and may yet be stored", null);
  }

  private static RuntimeException failure(Throwable cause) {
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    return new StorageUnavailableException("the write failed: " + cause, cause);
  }

  @Override
  public Optional<Duration> retention() {
    return store.retention();
  }

  /** How many readings wait for the writer now. */
  public int queued() {
    return settings.queueCapacity() - room.availablePermits();
  }

  /** Whether it has stopped taking writes. */
  public boolean closed() {
    return closed;
  }

  /**
   * Whether every writer is running: false once closed, or if a dead writer could not be replaced.
   */
  public boolean writerRunning() {
    for (Writer writer : writers) {
      Thread current = writer.thread;
      if (current == null || !current.isAlive()) {
        return false;
      }
    }
    return true;
  }

  /** How long the oldest group in the store now has been there; empty when none is. */
  public Optional<Duration> writingFor() {
    OptionalLong oldest =
        writers.stream().mapToLong(writer -> writer.inStoreSince).filter(since -> since != 0).min();
    return oldest.isEmpty()
        ? Optional.empty()
        : Optional.of(Duration.ofNanos(System.nanoTime() - oldest.getAsLong()));
  }

  /**
   * Takes no more writes and lets the writer commit everything already queued, for at most {@code
   * maxWait}: by then every request still waiting has given up. A writer still busy then is
   * interrupted; whatever is left fails as unavailable. Only then may the store's connections
   * close.
   */
  @Override
  public void close() throws InterruptedException {
    synchronized (this) {
      closed = true;
    }
    long deadline = System.nanoTime() + Math.max(1, settings.maxWait().toNanos());
    try {
      for (Writer writer : writers) {
        TimeUnit.NANOSECONDS.timedJoin(
            writer.thread,
            Math.max(TimeUnit.MILLISECONDS.toNanos(1), deadline - System.nanoTime()));
      }
      for (Writer writer : writers) {
        writer.thread.interrupt();
      }
      for (Writer writer : writers) {
        writer.thread.join(INTERRUPT_GRACE.toMillis());
      }
    } finally {
      StorageUnavailableException shutdown =
          new StorageUnavailableException("the server is shutting down", null);
      for (Writer writer : writers) {
        failWaiting(writer, shutdown);
      }
    }
  }

  private Thread startWriter(Writer writer) {
    Thread thread = threads.newThread(() -> write(writer));
    thread.start();
    return thread;
  }

  private void write(Writer writer) {
    Throwable ended = null;
    try {
      while (!closed || !queue.isEmpty()) {
        Pending first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (first != null) {
          List<Pending> group = gather(first);
          if (!group.isEmpty()) {
            commit(writer, group);
          }
        }
      }
    } catch (InterruptedException | RuntimeException | Error e) {
      ended = e;
    } finally {
      stopped(writer, ended);
    }
  }

  /**
   * The writer's way out. Closed and drained is the normal end; any other fails what waits and,
   * while open, hands over to a new writer.
   */
  private void stopped(Writer writer, Throwable cause) {
    if (cause == null) {
      return;
    }
    failWaiting(
        writer,
        new StorageUnavailableException(
            closed ? "the server is shutting down" : "the writer stopped: " + cause, cause));
    if (closed) {
      return;
    }
    tell(() -> observer.writerDied(cause));
    synchronized (this) {
      if (closed) {
        return;
      }
      try {
        writer.thread = startWriter(writer);
      } catch (RuntimeException | Error e) {
        // No writer now: writerRunning() says so, and readiness with it.
        return;
      }
    }
    tell(observer::writerRestarted);
  }

  /** An observer that fails must not stop a writer from handing over. */
  private static void tell(Runnable notice) {
    try {
      notice.run();
    } catch (RuntimeException | Error ignored) {
      // Metrics only; the failure that matters was the writer's.
    }
  }

  /**
   * Fails the writer's group in the store and everything queued; what is already answered stays so,
   * and the other writers' groups go on.
   */
  private void failWaiting(Writer writer, StorageUnavailableException failure) {
    writer.inStoreSince = 0;
    InFlight current = writer.inFlight;
    if (current != null) {
      for (Pending pending : current.group()) {
        release(pending);
        pending.done.completeExceptionally(failure);
      }
    }
    List<Pending> left = new ArrayList<>();
    queue.drainTo(left);
    for (Pending pending : left) {
      release(pending);
      pending.done.completeExceptionally(failure);
    }
  }

  /**
   * The first pending write and as many queued after it as fit in a group, in arrival order; the
   * writes whose callers gave up are left out, and their room freed.
   */
  private List<Pending> gather(Pending first) {
    List<Pending> group = new ArrayList<>();
    int readings = 0;
    if (taken(first)) {
      group.add(first);
      readings = first.readings.size();
    }
    for (Pending next = queue.peek(); next != null; next = queue.peek()) {
      if (!group.isEmpty() && readings + next.readings.size() > settings.maxGroupSize()) {
        break;
      }
      // remove, not poll: a closing thread may have drained the queue since the peek.
      if (queue.remove(next) && taken(next)) {
        group.add(next);
        readings += next.readings.size();
      }
    }
    return group;
  }

  private boolean taken(Pending pending) {
    if (pending.take()) {
      return true;
    }
    release(pending);
    return false;
  }

  private void release(Pending pending) {
    if (pending.released.compareAndSet(false, true)) {
      room.release(pending.readings.size());
    }
  }

  private void commit(Writer writer, List<Pending> group) {
    long started = System.nanoTime();
    writer.inFlight = new InFlight(group);
    writer.inStoreSince = started == 0 ? 1 : started;
    List<Reading> readings = new ArrayList<>();
    for (Pending pending : group) {
      readings.addAll(pending.readings);
    }
    RuntimeException failure = null;
    try {
      store.append(readings);
    } catch (RuntimeException e) {
      failure = e;
    } catch (Error e) {
      failure = new StorageUnavailableException("the store failed: " + e, e);
    }
    long finished = System.nanoTime();
    writer.inStoreSince = 0;
    for (Pending pending : group) {
      release(pending);
      if (failure == null) {
        pending.done.complete(null);
      } else {
        pending.done.completeExceptionally(failure);
      }
    }
    writer.inFlight = null;
    observer.committed(
        new GroupObserver.Group(
            group.size(),
            readings.size(),
            Duration.ofNanos(started - group.get(0).queuedAt),
            Duration.ofNanos(finished - started),
            failure == null));
  }
}
