package dev.tailgate.pipeline.exporterhelper;

import com.google.protobuf.ByteString;
import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.Signal;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exporter's directory of stored batches, e.g. {@code otlp_backend-traces/}. A batch is written
 * to a temp file, forced to disk, and only then renamed to its sequence-numbered name, so a crash
 * leaves either a whole batch file or a temp file, which the next start removes.
 */
final class QueueDirectory {
  private static final Logger log = LoggerFactory.getLogger(QueueDirectory.class);
  private static final Pattern BATCH_FILE =
      Pattern.compile("(\\d{1,18})(?:-(\\d{1,9}))?(?:-t([A-Za-z0-9_-]{1,200}))?\\.batch");
  private static final String TEMP_SUFFIX = ".tmp";
  private static final String SET_ASIDE_SUFFIX = ".corrupt";

  private final Path path;
  private final List<Path> storedAtOpen;
  private final AtomicLong nextSequence;

  private QueueDirectory(Path path, List<Path> storedAtOpen, long nextSequence) {
    this.path = path;
    this.storedAtOpen = List.copyOf(storedAtOpen);
    this.nextSequence = new AtomicLong(nextSequence);
  }

  /**
   * Opens (creating if need be) the directory of {@code exporter}'s {@code signal} below {@code
   * root}, removing temp files of writes a crash interrupted.
   */
  static QueueDirectory open(Path root, ComponentId exporter, Signal<?> signal) throws IOException {
    Path path = root.resolve(nameOf(exporter, signal));
    Files.createDirectories(path);
    if (!Files.isWritable(path)) {
      throw new IOException(path + " is not writable");
    }
    List<Path> stored = new ArrayList<>();
    try (Stream<Path> files = Files.list(path)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (name.endsWith(TEMP_SUFFIX)) {
          log.warn(
              "removing {}: a batch whose write was interrupted (it had not been accepted)", file);
          Files.deleteIfExists(file);
        } else if (BATCH_FILE.matcher(name).matches()) {
          stored.add(file);
        }
      }
    }
    stored.sort(Comparator.comparingLong(QueueDirectory::sequenceOf));
    long next = stored.isEmpty() ? 0 : sequenceOf(stored.get(stored.size() - 1)) + 1;
    return new QueueDirectory(path, stored, next);
  }

  /**
   * {@code type_name-signal}: one path segment whatever the component name holds, since a name may
   * contain '/' or other characters a file name cannot.
   */
  static String nameOf(ComponentId exporter, Signal<?> signal) {
    String id =
        exporter.name().isEmpty()
            ? exporter.type()
            : exporter.type() + "_" + exporter.name().replaceAll("[^A-Za-z0-9._-]", "_");
    return id + "-" + signal.name();
  }

  Path path() {
    return path;
  }

  /** The batch files found when the directory was opened, oldest first. */
  List<Path> storedAtOpen() {
    return storedAtOpen;
  }

  /** Writes {@code encoded} to a new temp file and forces it to disk. */
  Path writeTemp(ByteString encoded) throws IOException {
    Path temp = Files.createTempFile(path, "batch-", TEMP_SUFFIX);
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      for (ByteBuffer buffer : encoded.asReadOnlyByteBufferList()) {
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      }
      channel.force(true);
    } catch (IOException e) {
      discard(temp);
      throw e;
    }
    return temp;
  }

  /**
   * Gives a written temp file the next sequence number: from now on it is loaded at start. The name
   * also holds the batch's item count, so a restart can size its queue without reading, and its
   * tenant (base64url, at most 172 characters for {@link Batch#MAX_TENANT_BYTES}), so the data
   * leaves under the sender it came from.
   */
  Path commit(Path temp, int items, String tenant) throws IOException {
    String tenantPart =
        tenant.isEmpty()
            ? ""
            : "-t"
                + Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(tenant.getBytes(StandardCharsets.UTF_8));
    Path stored =
        path.resolve(nextSequence.getAndIncrement() + "-" + items + tenantPart + ".batch");
    Files.move(temp, stored, StandardCopyOption.ATOMIC_MOVE);
    syncDirectory();
    return stored;
  }

  /** Removes a temp file whose batch was not accepted after all. */
  void discard(Path temp) {
    delete(temp);
  }

  /** Removes a stored batch that is not to be sent again. */
  void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn(
          "could not delete {} ({}); its batch will be sent again after a restart",
          file,
          e.toString());
    }
  }

  /**
   * Renames an unreadable batch file so that it is neither loaded again nor lost for inspection.
   */
  void setAside(Path file) {
    Path aside = file.resolveSibling(file.getFileName() + SET_ASIDE_SUFFIX);
    try {
      Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      log.warn("could not rename {} to {} ({})", file, aside, e.toString());
    }
  }

  /**
   * Makes the renames durable too; a platform that cannot sync a directory keeps its own guarantee.
   */
  private void syncDirectory() {
    try (FileChannel directory = FileChannel.open(path, StandardOpenOption.READ)) {
      directory.force(true);
    } catch (IOException e) {
      log.debug("cannot sync directory {}: {}", path, e.toString());
    }
  }

  /** The item count in a batch file's name; -1 for files of earlier versions, which lack it. */
  static int itemsOf(Path file) {
    Matcher matcher = BATCH_FILE.matcher(file.getFileName().toString());
    return matcher.matches() && matcher.group(2) != null ? Integer.parseInt(matcher.group(2)) : -1;
  }

  /** The tenant in a batch file's name; empty when it has none. */
  static String tenantOf(Path file) {
    Matcher matcher = BATCH_FILE.matcher(file.getFileName().toString());
    if (!matcher.matches() || matcher.group(3) == null) {
      return "";
    }
    return new String(Base64.getUrlDecoder().decode(matcher.group(3)), StandardCharsets.UTF_8);
  }

  private static long sequenceOf(Path file) {
    Matcher matcher = BATCH_FILE.matcher(file.getFileName().toString());
    if (!matcher.matches()) {
      throw new IllegalArgumentException(file + " is not a batch file");
    }
    return Long.parseLong(matcher.group(1));
  }
}
