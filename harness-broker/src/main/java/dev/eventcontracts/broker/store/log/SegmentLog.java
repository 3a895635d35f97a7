package dev.eventcontracts.broker.store.log;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * A segmented append-only log in one directory. Each segment ({@code 00000000000000000001.seg})
 * starts with the magic {@code ECBL} and the format version (int, 1), followed by records
 * {@code [int length][int crc32 of payload][payload]}. Appends are buffered and written by
 * {@link #flush()}, which also forces them to disk; segments roll at {@link #MAX_SEGMENT_BYTES}.
 */
final class SegmentLog implements AutoCloseable {
    static final int VERSION = 1;
    static final long MAX_SEGMENT_BYTES = 64L * 1024 * 1024;
    private static final byte[] MAGIC = {'E', 'C', 'B', 'L'};
    private static final int HEADER = 8;
    private static final int MAX_RECORD = 256 * 1024 * 1024;

    private final Path dir;
    private final ByteBuf pending = Unpooled.buffer(64 * 1024);
    private FileChannel current;
    private long currentIndex;
    private long currentSize;

    /** What {@link #scan} found. */
    record Scan(List<LogRecord> records, List<Path> segments, long droppedBytes, String dropped) {}

    private SegmentLog(Path dir) {
        this.dir = dir;
    }

    /** Reads every segment in order, truncating a torn or corrupt tail; refuses foreign files. */
    static Scan scan(Path dir) throws IOException {
        List<Path> segments = segments(dir);
        List<LogRecord> records = new ArrayList<>();
        long droppedBytes = 0;
        String dropped = "";
        for (int i = 0; i < segments.size(); i++) {
            Path segment = segments.get(i);
            if (!dropped.isEmpty()) {
                droppedBytes += Files.size(segment);
                continue;
            }
            byte[] bytes = Files.readAllBytes(segment);
            long good = readSegment(segment, bytes, records);
            if (good < bytes.length) {
                droppedBytes += bytes.length - good;
                dropped = (bytes.length - good) + " bytes of a torn or corrupt tail in '" + segment.getFileName()
                        + "' at offset " + good;
                try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
                    ch.truncate(good);
                    ch.force(true);
                }
            }
        }
        return new Scan(records, segments, droppedBytes, dropped);
    }

    /** Adds the records of one segment; returns the length of its intact prefix. */
    private static long readSegment(Path segment, byte[] bytes, List<LogRecord> out) throws IOException {
        if (bytes.length < HEADER) {
            return 0;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new IOException("'" + segment + "' is not an event-contracts broker log segment (bad magic);"
                        + " point --data-dir at a directory used only by the harness broker");
            }
        }
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        in.skipBytes(MAGIC.length);
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("'" + segment + "' has log format version " + version + "; this broker reads version "
                    + VERSION + ". Use the broker version that wrote it, or start with an empty --data-dir");
        }
        while (in.readableBytes() > 0) {
            int start = in.readerIndex();
            if (in.readableBytes() < 8) {
                return start;
            }
            int length = in.readInt();
            int crc = in.readInt();
            if (length <= 0 || length > MAX_RECORD || length > in.readableBytes()) {
                return start;
            }
            CRC32 check = new CRC32();
            check.update(bytes, in.readerIndex(), length);
            if ((int) check.getValue() != crc) {
                return start;
            }
            ByteBuf payload = in.readSlice(length);
            try {
                out.add(LogRecord.read(payload));
            } catch (RuntimeException e) {
                return start;
            }
        }
        return bytes.length;
    }

    private static List<Path> segments(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("\\d{20}\\.seg"))
                    .sorted()
                    .toList();
        }
    }

    /** Opens a log that appends to a new segment after {@code existing}. */
    static SegmentLog create(Path dir, List<Path> existing) throws IOException {
        SegmentLog log = new SegmentLog(dir);
        long last = existing.isEmpty()
                ? 0
                : Long.parseLong(existing.get(existing.size() - 1)
                        .getFileName()
                        .toString()
                        .substring(0, 20));
        log.roll(last + 1);
        return log;
    }

    private void roll(long index) throws IOException {
        if (current != null) {
            current.force(true);
            current.close();
        }
        currentIndex = index;
        Path file = dir.resolve(String.format("%020d.seg", index));
        current = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        ByteBuffer header =
                ByteBuffer.allocate(HEADER).put(MAGIC).putInt(VERSION).flip();
        while (header.hasRemaining()) {
            current.write(header);
        }
        currentSize = HEADER;
    }

    /** Index of the segment being written. */
    long currentIndex() {
        return currentIndex;
    }

    /** Buffers one record; it is written by the next {@link #flush()}. */
    void append(LogRecord record) {
        int lengthAt = pending.writerIndex();
        pending.writeInt(0);
        pending.writeInt(0);
        int payloadAt = pending.writerIndex();
        record.write(pending);
        int length = pending.writerIndex() - payloadAt;
        CRC32 crc = new CRC32();
        crc.update(pending.nioBuffer(payloadAt, length));
        pending.setInt(lengthAt, length);
        pending.setInt(lengthAt + 4, (int) crc.getValue());
    }

    /** Whether records wait to be written. */
    boolean hasPending() {
        return pending.isReadable();
    }

    /** Writes buffered records and forces them to disk; rolls a full segment. */
    void flush() throws IOException {
        if (pending.isReadable()) {
            ByteBuffer buf = pending.nioBuffer();
            while (buf.hasRemaining()) {
                currentSize += current.write(buf);
            }
            pending.clear();
        }
        current.force(false);
        if (currentSize >= MAX_SEGMENT_BYTES) {
            roll(currentIndex + 1);
        }
    }

    /** Deletes every segment before segment {@code index}. */
    void deleteSegmentsBefore(long index) throws IOException {
        for (Path p : segments(dir)) {
            if (Long.parseLong(p.getFileName().toString().substring(0, 20)) < index) {
                Files.delete(p);
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            current.close();
            pending.release();
        }
    }
}
