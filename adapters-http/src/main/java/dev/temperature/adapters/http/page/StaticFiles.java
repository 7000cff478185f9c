package dev.temperature.adapters.http.page;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The files a page loads, served from the classpath so that it works without internet access: a
 * plain file name with one of the extensions the page needs, looked up in each directory in turn,
 * read once and kept. Anything else is a problem+json 404 like any other unknown path.
 */
public final class StaticFiles {
  /** No directories, no {@code ..}, nothing that could reach another classpath resource. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*(\\.[a-z0-9-]+)*");

  private record File(byte[] content, String mediaType) {}

  private final Map<String, String> mediaTypes;
  private final List<String> directories;
  private final Map<String, File> files = new ConcurrentHashMap<>();

  /**
   * @param mediaTypes the media type of each extension served; a file with another is not
   * @param directories where on the classpath the files are, each ending in {@code /}, the first
   *     that holds a name serving it
   */
  public StaticFiles(Map<String, String> mediaTypes, String... directories) {
    this.mediaTypes = Map.copyOf(mediaTypes);
    this.directories = List.of(directories);
  }

  /** The file with its media type, or a 404. */
  public Response serve(String name) {
    File file = files.get(name);
    if (file == null) {
      file = find(name).orElseThrow(NotFoundException::new);
      files.put(name, file);
    }
    return Response.ok(file.content().clone(), file.mediaType()).build();
  }

  private Optional<File> find(String name) {
    String mediaType = mediaTypes.get(name.substring(name.lastIndexOf('.') + 1));
    if (mediaType == null || !NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    for (String directory : directories) {
      try (InputStream in = StaticFiles.class.getResourceAsStream(directory + name)) {
        if (in != null) {
          return Optional.of(new File(in.readAllBytes(), mediaType));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return Optional.empty();
  }

  /** A file the server cannot start without, such as a page. */
  public static byte[] read(String resource) {
    try (InputStream in = StaticFiles.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
