package dev.temperature.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on loopback in front of a real database, so that a test can take the database away
 * from the application and give it back without stopping the server other tests share. {@link
 * #stop()} is a stopped database (connections reset, new ones refused); {@link #freeze()} is a host
 * that stops answering (connections stay open, nothing comes back).
 */
final class Tunnel implements AutoCloseable {
  private final InetSocketAddress target;
  private final int port;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile ServerSocket listener;
  private volatile boolean frozen;

  Tunnel(String host, int targetPort) throws IOException {
    target = new InetSocketAddress(host, targetPort);
    listener = listen(0);
    port = listener.getLocalPort();
  }

  int port() {
    return port;
  }

  /** Resets every connection and refuses new ones, as a stopped database does. */
  synchronized void stop() throws IOException {
    listener.close();
    for (Socket socket : sockets) {
      try {
        socket.setSoLinger(true, 0); // RST, as from a process that died
      } catch (IOException e) {
        // already closed by its pump
      }
      closeQuietly(socket);
    }
    sockets.clear();
  }

  /** Accepts connections again on the same port. */
  synchronized void start() throws IOException {
    if (listener.isClosed()) {
      listener = listen(port);
    }
  }

  /** Keeps every connection open but forwards nothing, as a host that stopped answering. */
  void freeze() {
    frozen = true;
  }

  void thaw() {
    frozen = false;
  }

  @Override
  public void close() throws IOException {
    stop();
  }

  private ServerSocket listen(int onPort) throws IOException {
    ServerSocket server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
    Thread acceptor = new Thread(() -> accept(server), "tunnel-accept-" + onPort);
    acceptor.setDaemon(true);
    acceptor.start();
    return server;
  }

  private void accept(ServerSocket server) {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket();
        upstream.connect(target, 2000);
        sockets.add(client);
        sockets.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        // The listener was closed by stop(), or the database refused: the client sees a reset.
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                  while (frozen && !from.isClosed()) {
                    Thread.sleep(20);
                  }
                  out.write(buffer, 0, read);
                  out.flush();
                }
              } catch (IOException | InterruptedException e) {
                // One side closed or reset; close the other below.
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "tunnel-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
