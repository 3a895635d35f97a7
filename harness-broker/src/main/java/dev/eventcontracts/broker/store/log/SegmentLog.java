package dev.eventcontracts.broker.store.log;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * A segmented append-only log in one directory. Each segment ({@code 00000000000000000001.seg})
 * starts with the magic {@code ECBL} and the format version (int, 1), followed by records
 * {@code [int length][int crc32 of payload][payload]}. Appends are buffered; {@link #write()} hands
 * them to the file system and {@link #forceTask()} captures what a later {@code force()} must cover,
 * so the broker's thread writes while another thread syncs. A segment that reached the configured
 * size is retired (kept open until a force covered it) and a new one started before the next write.
 * {@link #flush()} writes and forces at once (start-up and close). Whole segments are deleted by
 * compaction. Everything except {@link Force#run()} runs on one thread.
 */
final class SegmentLog implements AutoCloseable {
    static final int VERSION = 1;
    private static final byte[] MAGIC = {'E', 'C', 'B', 'L'};
    static final int HEADER = 8;
    private static final int MAX_RECORD = 256 * 1024 * 1024;

    private final Path dir;
    private final LogOptions options;
    private final ByteBuf pending = Unpooled.buffer(64 * 1024);
    private final CRC32 crc = new CRC32();
    private FileChannel current;
    private Path currentPath;
    private long currentIndex;
    private long currentSize;
    private long forcedSize;
    private final List<Retired> retired = new ArrayList<>();

    /** A segment rolled away from whose last writes no force has covered yet. */
    private record Retired(Path path, FileChannel channel) {}

    /** Receives each intact record of a scan; throws to mark the record as corrupt. */
    @FunctionalInterface
    interface Visitor {
        /** {@code payload} is valid only during the call. */
        void record(long segment, ByteBuf payload);
    }

    /**
     * What {@link #scan} found.
     *
     * @param segments indexes of the segments kept, in order
     * @param records intact records read
     * @param bytes bytes of the segments kept
     * @param droppedBytes bytes cut off a torn or corrupt tail, or of dropped later segments
     * @param dropped what was cut off, empty when nothing
     */
    record Scan(List<Long> segments, long records, long bytes, long droppedBytes, String dropped) {}

    private SegmentLog(Path dir, LogOptions options) {
        this.dir = dir;
        this.options = options;
    }

    /**
     * Reads every segment in order and hands each intact record to {@code visitor}. The first
     * record that is short, fails its checksum or cannot be decoded ends the log: its segment is
     * truncated there and later segments are deleted. Refuses foreign files and other versions.
     */
    static Scan scan(Path dir, Visitor visitor) throws IOException {
        List<Long> kept = new ArrayList<>();
        long records = 0;
        long bytes = 0;
        long droppedBytes = 0;
        String dropped = "";
        CRC32 crc = new CRC32();
        for (Path segment : segments(dir)) {
            long index = indexOf(segment);
            if (!dropped.isEmpty()) {
                droppedBytes += Files.size(segment);
                Files.delete(segment);
                continue;
            }
            long size;
            long good;
            long[] count = {0};
            try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ)) {
                size = ch.size();
                if (size > Integer.MAX_VALUE) {
                    throw new IOException("'" + segment + "' is larger than 2 GiB; it was not written by this broker");
                }
                MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
                good = readSegment(segment, index, map, crc, visitor, count);
            }
            records += count[0];
            if (good < size) {
                droppedBytes += size - good;
                dropped = (size - good) + " bytes of a torn or corrupt tail in '" + segment.getFileName()
                        + "' at offset " + good;
                if (good < HEADER) {
                    Files.delete(segment);
                    continue;
                }
                try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
                    ch.truncate(good);
                    ch.force(true);
                }
            }
            kept.add(index);
            bytes += good;
        }
        return new Scan(kept, records, bytes, droppedBytes, dropped);
    }

    /** Visits the records of one segment; returns the length of its intact prefix. */
    private static long readSegment(
            Path segment, long index, ByteBuffer bytes, CRC32 crc, Visitor visitor, long[] count) throws IOException {
        int size = bytes.limit();
        if (size < HEADER) {
            return 0;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes.get(i) != MAGIC[i]) {
                throw new IOException("'" + segment + "' is not an event-contracts broker log segment (bad magic);"
                        + " point --data-dir at a directory used only by the harness broker");
            }
        }
        int version = bytes.getInt(MAGIC.length);
        if (version != VERSION) {
            throw new IOException("'" + segment + "' has log format version " + version + "; this broker reads version "
                    + VERSION + ". Use the broker version that wrote it, or start with an empty --data-dir");
        }
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        ByteBuffer window = bytes.duplicate();
        int at = HEADER;
        while (at < size) {
            if (size - at < 8) {
                return at;
            }
            int length = in.getInt(at);
            int expected = in.getInt(at + 4);
            int payloadAt = at + 8;
            if (length <= 0 || length > MAX_RECORD || length > size - payloadAt) {
                return at;
            }
            crc.reset();
            window.limit(payloadAt + length);
            window.position(payloadAt);
            crc.update(window);
            if ((int) crc.getValue() != expected) {
                return at;
            }
            try {
                visitor.record(index, in.slice(payloadAt, length));
            } catch (RuntimeException e) {
                return at;
            }
            count[0]++;
            at = payloadAt + length;
        }
        return size;
    }

    private static List<Path> segments(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("\\d{20}\\.seg"))
                    .sorted()
                    .toList();
        }
    }

    private static long indexOf(Path segment) {
        return Long.parseLong(segment.getFileName().toString().substring(0, 20));
    }

    private Path path(long index) {
        return dir.resolve(String.format("%020d.seg", index));
    }

    /** Opens a log that appends to a new segment after segment {@code last} (0: none). */
    static SegmentLog create(Path dir, long last, LogOptions options) throws IOException {
        SegmentLog log = new SegmentLog(dir, options);
        log.roll(last + 1);
        return log;
    }

    private void roll(long index) throws IOException {
        if (current != null) {
            retired.add(new Retired(currentPath, current));
            current = null;
        }
        Path file = path(index);
        options.writeHook().before(file, "create");
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            ByteBuffer header =
                    ByteBuffer.allocate(HEADER).put(MAGIC).putInt(VERSION).flip();
            while (header.hasRemaining()) {
                ch.write(header);
            }
            ch.force(true);
        } catch (IOException e) {
            ch.close();
            Files.deleteIfExists(file);
            throw e;
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
        current = ch;
        currentPath = file;
        currentIndex = index;
        currentSize = HEADER;
        forcedSize = HEADER;
    }

    /** Index of the open segment (the newest file). */
    long openIndex() {
        return currentIndex;
    }

    /** Index of the segment the buffered records will be written to. */
    long appendIndex() {
        return currentSize >= options.segmentBytes() ? currentIndex + 1 : currentIndex;
    }

    /** Bytes written to the open segment so far. */
    long currentSize() {
        return currentSize;
    }

    /** Buffers one record; it is written by the next {@link #write()} or {@link #flush()}. */
    void append(LogRecord record) {
        int lengthAt = pending.writerIndex();
        pending.writeLong(0);
        int payloadAt = pending.writerIndex();
        record.write(pending);
        int length = pending.writerIndex() - payloadAt;
        crc.reset();
        crc.update(pending.nioBuffer(payloadAt, length));
        pending.setInt(lengthAt, length);
        pending.setInt(lengthAt + 4, (int) crc.getValue());
    }

    /** Whether records wait to be written. */
    boolean hasPending() {
        return pending.isReadable();
    }

    /**
     * Writes buffered records to the file system without forcing them, starting a new segment
     * first if the open one is full. On failure it cuts the open segment back to its length before
     * this write (best effort) so no partial record stays behind, and rethrows.
     */
    void write() throws IOException {
        if (!pending.isReadable()) {
            return;
        }
        if (currentSize >= options.segmentBytes()) {
            roll(currentIndex + 1);
        }
        long before = currentSize;
        try {
            if (!Files.exists(currentPath)) {
                throw new NoSuchFileException(
                        currentPath.toString(), null, "the segment was deleted while the broker was running");
            }
            options.writeHook().before(currentPath, "write");
            ByteBuffer buf = pending.nioBuffer();
            while (buf.hasRemaining()) {
                currentSize += current.write(buf);
            }
            pending.clear();
        } catch (IOException e) {
            cutTo(before);
            throw e;
        }
    }

    private void cutTo(long length) {
        currentSize = length;
        try {
            current.truncate(length);
            current.position(length);
        } catch (IOException ignored) {
            // recovery cuts the torn tail instead
        }
    }

    /**
     * What a force must cover to make every {@link #write()} so far durable: the open segment and
     * the retired ones (which the force closes afterwards). Call on the writing thread; run the
     * result on any one thread, one at a time.
     */
    Force forceTask() {
        List<Retired> rolled = List.copyOf(retired);
        retired.clear();
        return new Force(rolled, currentPath, current, currentIndex, currentSize, options.writeHook());
    }

    /** {@code done} ran without an error: its part of the open segment is durable. */
    void forced(Force done) {
        if (done.segment == currentIndex) {
            forcedSize = Math.max(forcedSize, done.size);
        }
    }

    /**
     * A force failed: drops what is buffered and cuts the open segment back to what the last
     * successful force covered (best effort), so records never confirmed stay out of recovery.
     */
    void cutBackToForced() {
        pending.clear();
        cutTo(forcedSize);
    }

    /** Forces a set of segments; see {@link #forceTask()}. */
    static final class Force {
        private final List<Retired> rolled;
        private final Path path;
        private final FileChannel channel;
        private final long segment;
        private final long size;
        private final LogOptions.WriteHook hook;

        private Force(
                List<Retired> rolled,
                Path path,
                FileChannel channel,
                long segment,
                long size,
                LogOptions.WriteHook hook) {
            this.rolled = rolled;
            this.path = path;
            this.channel = channel;
            this.segment = segment;
            this.size = size;
            this.hook = hook;
        }

        /** Forces the retired segments (closing them) and the open one. */
        void run() throws IOException {
            try {
                for (Retired r : rolled) {
                    hook.before(r.path(), "fsync");
                    r.channel().force(false);
                }
                hook.before(path, "fsync");
                channel.force(false);
            } finally {
                closeAll(rolled);
            }
        }
    }

    private static void closeAll(List<Retired> channels) {
        for (Retired r : channels) {
            try {
                r.channel().close();
            } catch (IOException ignored) {
                // closing after a force; nothing left to lose
            }
        }
    }

    /**
     * Writes buffered records and forces everything written so far, on the calling thread. On
     * failure it cuts the open segment back (best effort) and rethrows.
     */
    void flush() throws IOException {
        write();
        Force all = forceTask();
        try {
            all.run();
        } catch (IOException e) {
            cutTo(forcedSize);
            throw e;
        }
        forced(all);
    }

    /** Deletes segment {@code index}; never the open one. */
    long delete(long index) throws IOException {
        if (index >= currentIndex) {
            throw new IllegalStateException("segment " + index + " is still open");
        }
        Path p = path(index);
        long size = Files.exists(p) ? Files.size(p) : 0;
        Files.deleteIfExists(p);
        return size;
    }

    /** Closes the open segment; with {@code flush}, writes and syncs what is buffered first. */
    void close(boolean flush) throws IOException {
        try {
            if (flush) {
                flush();
            }
        } finally {
            closeAll(retired);
            retired.clear();
            if (current != null) {
                current.close();
            }
            pending.release();
        }
    }

    @Override
    public void close() throws IOException {
        close(true);
    }
}
