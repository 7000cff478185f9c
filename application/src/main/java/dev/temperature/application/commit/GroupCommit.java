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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Group commit: the readings of concurrent requests are written together, in one transaction or one
 * line-protocol request, by one writer per store. A database commits a group about as fast as a
 * single reading, so throughput grows with the number of clients instead of their contention for
 * the store. Each caller still returns only once its group is durable, and a failed group fails
 * each of its callers: an acknowledged reading is a stored one.
 *
 * <p>Nothing waits to fill a group: while the writer commits one group, the next gathers on its
 * own. Groups keep arrival order, so the later of two readings with the same key wins, as the port
 * promises. The queue is bounded in readings; past it a write is refused at once with {@link
 * StorageBusyException}, before anything is stored.
 */
public final class GroupCommit implements AppendReadings, AutoCloseable {
  private final AppendReadings store;
  private final GroupCommitSettings settings;
  private final GroupObserver observer;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Semaphore room;
  private final Thread writer;
  private volatile boolean closed;

  private record Pending(List<Reading> readings, long queuedAt, CompletableFuture<Void> done) {}

  public GroupCommit(AppendReadings store, GroupCommitSettings settings, GroupObserver observer) {
    this.store = Objects.requireNonNull(store);
    this.settings = Objects.requireNonNull(settings);
    this.observer = Objects.requireNonNull(observer);
    this.room = new Semaphore(settings.queueCapacity());
    this.writer = new Thread(this::write, "group-commit");
    writer.setDaemon(false);
    writer.start();
  }

  /**
   * Queues the readings and waits until their group is durable.
   *
   * @throws StorageBusyException when the queue is full; nothing was stored
   * @throws StorageUnavailableException when the server is shutting down, or as the store threw
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
    Pending pending =
        new Pending(List.copyOf(readings), System.nanoTime(), new CompletableFuture<>());
    synchronized (this) {
      if (closed) {
        room.release(readings.size());
        throw new StorageUnavailableException("the server is shutting down", null);
      }
      queue.add(pending);
    }
    try {
      // join, not get: a caller interrupted while waiting must not report a reading as lost that
      // the writer is about to commit.
      pending.done().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw e;
    }
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
   * Takes no more writes, lets the writer commit everything already queued, and returns once it
   * has; only then may the store's connections close.
   */
  @Override
  public void close() throws InterruptedException {
    synchronized (this) {
      closed = true;
    }
    writer.join();
  }

  private void write() {
    while (true) {
      Pending first;
      try {
        first = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        continue; // the queue is drained before the writer stops, interrupted or not
      }
      if (first == null) {
        if (closed && queue.isEmpty()) {
          return;
        }
        continue;
      }
      commit(gather(first));
    }
  }

  /** The first pending write and as many queued after it as fit in a group, in arrival order. */
  private List<Pending> gather(Pending first) {
    List<Pending> group = new ArrayList<>();
    group.add(first);
    int readings = first.readings().size();
    for (Pending next = queue.peek();
        next != null && readings + next.readings().size() <= settings.maxGroupSize();
        next = queue.peek()) {
      group.add(queue.poll());
      readings += next.readings().size();
    }
    return group;
  }

  private void commit(List<Pending> group) {
    List<Reading> readings = new ArrayList<>();
    for (Pending pending : group) {
      readings.addAll(pending.readings());
    }
    long started = System.nanoTime();
    Throwable failure = null;
    try {
      store.append(readings);
    } catch (RuntimeException | Error e) {
      failure = e;
    }
    long finished = System.nanoTime();
    room.release(readings.size());
    for (Pending pending : group) {
      if (failure == null) {
        pending.done().complete(null);
      } else {
        pending.done().completeExceptionally(failure);
      }
    }
    observer.committed(
        new GroupObserver.Group(
            group.size(),
            readings.size(),
            Duration.ofNanos(started - group.get(0).queuedAt()),
            Duration.ofNanos(finished - started),
            failure == null));
  }
}
