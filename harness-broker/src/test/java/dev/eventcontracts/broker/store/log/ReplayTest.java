package dev.eventcontracts.broker.store.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcontracts.broker.amqp.codec.BasicProperties;
import dev.eventcontracts.broker.store.Message;
import dev.eventcontracts.broker.store.MessageStore;
import dev.eventcontracts.broker.store.QueueEntry;
import dev.eventcontracts.broker.store.QueueStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery of the logs online compaction leaves behind at any crash point: copies of a message in
 * two segments, messages whose queue declaration only comes later (in a topology snapshot), and
 * sequences reused after their old record was acked.
 */
class ReplayTest {
    private static final BasicProperties PERSISTENT =
            new BasicProperties(null, null, null, 2, null, null, null, null, null, null, null, null, null, null);
    private static final MessageStore.QueueDef QUEUE = new MessageStore.QueueDef("q", false, Map.of());

    @TempDir
    Path dir;

    private static Message message(String body) {
        return new Message("", "q", List.of(), List.of(), PERSISTENT, body.getBytes(StandardCharsets.UTF_8));
    }

    private void writeSegment(long index, LogRecord... records) throws Exception {
        SegmentLog log = SegmentLog.create(dir, index - 1, LogOptions.DEFAULTS);
        for (LogRecord r : records) {
            log.append(r);
        }
        log.close();
    }

    private static List<String> drain(QueueStore store) {
        List<String> bodies = new ArrayList<>();
        for (QueueEntry e : store.drain()) {
            assertThat(e.redelivered()).isTrue();
            bodies.add(new String(e.message().body(), StandardCharsets.UTF_8));
        }
        return bodies;
    }

    @Test
    void copiedMessage_inTwoSegments_isRecoveredOnce_andItsOldSegmentIsDeleted() throws Exception {
        writeSegment(
                1,
                new LogRecord.QueueDeclared(QUEUE),
                new LogRecord.Published("q", 1, message("old")),
                new LogRecord.Published("q", 2, message("acked")),
                new LogRecord.Acked("q", 2));
        // compaction copied the live message forward and crashed before deleting segment 1
        writeSegment(2, new LogRecord.Published("q", 1, message("old")), new LogRecord.QueueDeclared(QUEUE));

        LogMessageStore store = LogMessageStore.open(dir, Runnable::run);
        assertThat(store.report().messages()).isEqualTo(1);
        assertThat(drain(store.open("/", "q", true))).containsExactly("old");
        assertThat(segmentIndexes()).doesNotContain(1L);
        store.close();
    }

    @Test
    void messagesBeforeTheirQueueSnapshot_areKept_andMessagesOfAQueueThatIsGone_areDropped() throws Exception {
        // segment 1 (with the declarations) was deleted by compaction after the snapshot in segment 3
        writeSegment(
                2,
                new LogRecord.Published("q", 5, message("five")),
                new LogRecord.Published("gone", 1, message("orphan")),
                new LogRecord.Published("q", 6, message("six")));
        writeSegment(3, new LogRecord.QueueDeclared(QUEUE));

        LogMessageStore store = LogMessageStore.open(dir, Runnable::run);
        assertThat(store.report().queues()).isEqualTo(1);
        assertThat(store.report().messages()).isEqualTo(2);
        assertThat(drain(store.open("/", "q", true))).containsExactly("five", "six");
        store.close();
    }

    @Test
    void sequenceReusedAfterItsAck_isLiveAgain_andQueueOrderFollowsSequences() throws Exception {
        writeSegment(
                1,
                new LogRecord.QueueDeclared(QUEUE),
                new LogRecord.Published("q", 3, message("first-three")),
                new LogRecord.Acked("q", 3),
                new LogRecord.Published("q", 1, message("one")),
                new LogRecord.Published("q", 3, message("second-three")),
                new LogRecord.Published("q", 2, message("two")));

        LogMessageStore store = LogMessageStore.open(dir, Runnable::run);
        QueueStore q = store.open("/", "q", true);
        assertThat(q.nextSequence()).isEqualTo(4);
        assertThat(drain(q)).containsExactly("one", "two", "second-three");
        store.close();
    }

    @Test
    void deletedQueue_dropsItsEarlierMessages_butNotThoseOfItsSuccessor() throws Exception {
        writeSegment(
                1,
                new LogRecord.QueueDeclared(QUEUE),
                new LogRecord.Published("q", 1, message("before")),
                new LogRecord.QueueDeleted("q"),
                new LogRecord.QueueDeclared(QUEUE),
                new LogRecord.Published("q", 1, message("after")));

        LogMessageStore store = LogMessageStore.open(dir, Runnable::run);
        assertThat(drain(store.open("/", "q", true))).containsExactly("after");
        store.close();
    }

    private List<Long> segmentIndexes() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".seg"))
                    .map(n -> Long.parseLong(n.substring(0, 20)))
                    .sorted()
                    .toList();
        }
    }
}
