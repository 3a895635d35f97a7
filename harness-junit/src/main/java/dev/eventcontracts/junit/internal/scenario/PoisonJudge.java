package dev.eventcontracts.junit.internal.scenario;

import dev.eventcontracts.junit.ConsumerContract;
import dev.eventcontracts.junit.internal.amqp.Journal;
import dev.eventcontracts.junit.internal.amqp.Topology;
import dev.eventcontracts.junit.internal.avro.AvroCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Judges where failing messages ended up: dead-lettered after the expected number of deliveries
 * with body, properties and {@code x-death} intact — or swallowed, looping, dropped, retried too
 * often or too rarely, each said in words with the fix.
 */
final class PoisonJudge {

    private final ConsumerContract contract;
    private final String consumer;

    PoisonJudge(ConsumerContract contract) {
        this.contract = contract;
        this.consumer = contract.consumerClass().getSimpleName();
    }

    /**
     * @param expectedAttempts deliveries before dead-lettering
     * @param mode how a transient failure was injected, or null when the message is poison
     */
    Verdict poison(Fate fate, Sample sample, int expectedAttempts, Topology topology, FaultPlan.Mode mode) {
        String what = sample.description();
        if (fate.acked()) {
            if (mode != null) {
                return Verdict.failed(
                        consumer + " swallows failures: " + what + " (" + DeadLetterScenarios.injected(mode)
                                + ") was acked on attempt " + fate.attempts() + " though processing failed, so its"
                                + " effects are lost.",
                        "Let the failure propagate so the message is retried and finally dead-lettered.");
            }
            return Verdict.failed(
                    consumer + " swallows poison silently: " + what + " was acked after the handler returned normally"
                            + " on attempt " + fate.attempts() + "; it was neither processed nor dead-lettered.",
                    "Throw when a message cannot be processed (declare the exception in nonRetryable) so it reaches"
                            + " the dead-letter queue" + dlqHint() + " instead of disappearing.");
        }
        if (fate.looping() || (!fate.rejected() && fate.attempts() > expectedAttempts)) {
            return Verdict.failed(
                    consumer + " requeues poison forever: " + what + " was delivered " + fate.attempts()
                            + " times and is still being requeued"
                            + (contract.maxAttempts() == 0 ? " (maxAttempts = 0 requeues forever)" : "")
                            + (contract.hasDeadLetterQueue() ? "" : " and there is no dead-letter queue") + ".",
                    "Set maxAttempts (e.g. 3) and a deadLetterQueue" + dlqHint()
                            + ", and declare exceptions of messages that can never succeed in nonRetryable.");
        }
        if (!fate.rejected()) {
            return Verdict.error(what + " was delivered " + fate.attempts() + " times and neither acked nor rejected"
                    + " within the time limit.");
        }
        if (!contract.hasDeadLetterQueue()) {
            return Verdict.failed(
                    consumer + " drops poison: " + what + " was rejected after " + attempts(fate.attempts())
                            + " and, with no dead-letter queue, the broker discarded it — the message is lost.",
                    "Declare deadLetterQueue" + dlqHint()
                            + " so rejected messages are kept for inspection and replay.");
        }
        if (fate.attempts() < expectedAttempts) {
            return Verdict.failed(
                    consumer + " dead-letters transient failures early: " + what + " was dead-lettered after "
                            + attempts(fate.attempts()) + " (expected " + expectedAttempts + ", maxAttempts) with "
                            + fate.lastFailure() + ".",
                    classificationFix(fate.lastFailure()));
        }
        if (fate.attempts() > expectedAttempts) {
            return Verdict.failed(
                    consumer + " retries poison: " + what + " reached the dead-letter queue after "
                            + attempts(fate.attempts()) + " (expected " + expectedAttempts + ") with "
                            + fate.lastFailure() + ".",
                    "Declare the exception thrown for messages that can never succeed in nonRetryable, so they are"
                            + " dead-lettered on the first attempt.");
        }
        if (fate.deadLetter().isEmpty()) {
            return Verdict.failed(
                    what + " was rejected but never arrived in dead-letter queue '" + contract.deadLetterQueue() + "'.",
                    "Check the queue's x-dead-letter-exchange and x-dead-letter-routing-key arguments.");
        }
        String copy = copyProblem(fate.deadLetter().get(), sample, topology);
        if (copy != null) {
            return Verdict.failed(
                    "The copy of " + what + " in dead-letter queue '" + contract.deadLetterQueue() + "' " + copy + ".",
                    "Dead-letter with basic.reject/nack(requeue=false) so the broker keeps body, properties and"
                            + " x-death; do not republish poison by hand.");
        }
        return Verdict.passed();
    }

    /** Why the dead-letter copy differs from the original, or null when it is intact. */
    String copyProblem(Journal.DeadLetter copy, Sample sample, Topology topology) {
        if (!Arrays.equals(copy.body(), sample.body())) {
            return "has a different body (" + copy.body().length + " bytes, expected " + sample.body().length + ")";
        }
        Map<String, Object> headers = copy.properties().getHeaders();
        Object schemaId = headers == null ? null : headers.get(AvroCodec.SCHEMA_ID_HEADER);
        if (sample.schemaId() != null && !(schemaId instanceof Number n && n.longValue() == sample.schemaId())) {
            return "lost header '" + AvroCodec.SCHEMA_ID_HEADER + "' (found '" + schemaId + "')";
        }
        if (!Objects.equals(sample.contentType(), copy.properties().getContentType())) {
            return "lost its content type (found '" + copy.properties().getContentType() + "')";
        }
        Object xDeath = headers.get("x-death");
        if (!(xDeath instanceof List<?> deaths) || deaths.isEmpty() || !(deaths.get(0) instanceof Map<?, ?> death)) {
            return "has no x-death header";
        }
        String queue = String.valueOf(death.get("queue"));
        String reason = String.valueOf(death.get("reason"));
        Object count = death.get("count");
        if (!queue.equals(topology.queue())) {
            return "has x-death queue '" + queue + "' (expected '" + topology.queue() + "')";
        }
        if (!reason.equals("rejected")) {
            return "has x-death reason '" + reason + "' (expected 'rejected')";
        }
        if (!(count instanceof Number c) || c.longValue() != 1) {
            return "has x-death count '" + count + "' (expected 1)";
        }
        return null;
    }

    Verdict conservation(Map<String, Sample> published, Journal journal, Topology topology, int loopBound) {
        List<String> lost = new ArrayList<>();
        List<String> both = new ArrayList<>();
        List<String> unsettled = new ArrayList<>();
        List<String> damaged = new ArrayList<>();
        List<String> copies = new ArrayList<>();
        int processed = 0;
        int deadLettered = 0;
        for (var entry : published.entrySet()) {
            Fate fate = Fate.of(journal, entry.getKey(), loopBound);
            String what = entry.getValue().description();
            if (fate.acked()) {
                processed++;
                if (fate.deadLetter().isPresent()) {
                    both.add(what);
                } else if (fate.ackCount() > 1) {
                    copies.add(what + " processed " + fate.ackCount() + " times");
                }
            } else if (fate.deadLetter().isPresent()) {
                deadLettered++;
                if (fate.deadLetterCopies() > 1) {
                    copies.add(what + " dead-lettered " + fate.deadLetterCopies() + " times");
                }
                String problem = copyProblem(fate.deadLetter().get(), entry.getValue(), topology);
                if (problem != null) {
                    damaged.add(what + " " + problem);
                }
            } else if (fate.rejected()) {
                lost.add(what);
            } else {
                unsettled.add(what + " (delivered " + fate.attempts() + " times)");
            }
        }
        if (lost.isEmpty() && both.isEmpty() && unsettled.isEmpty() && damaged.isEmpty() && copies.isEmpty()) {
            return Verdict.passed();
        }
        List<String> parts = new ArrayList<>();
        if (!lost.isEmpty()) {
            parts.add(lost.size() + " lost (" + String.join("; ", lost) + ": rejected"
                    + (contract.hasDeadLetterQueue()
                            ? " but missing from the dead-letter queue"
                            : " with no dead-letter queue, so the broker dropped it")
                    + ")");
        }
        if (!both.isEmpty()) {
            parts.add(both.size() + " both processed and dead-lettered (" + String.join("; ", both) + ")");
        }
        if (!copies.isEmpty()) {
            parts.add(copies.size() + " duplicated (" + String.join("; ", copies) + ")");
        }
        if (!unsettled.isEmpty()) {
            parts.add(unsettled.size() + " never settled (" + String.join("; ", unsettled) + ")");
        }
        if (!damaged.isEmpty()) {
            parts.add(damaged.size() + " damaged in the dead-letter queue (" + String.join("; ", damaged) + ")");
        }
        return Verdict.failed(
                consumer + " does not conserve messages: of " + published.size() + " published, " + processed
                        + " processed, " + deadLettered + " dead-lettered, " + String.join(", ", parts) + ".",
                contract.hasDeadLetterQueue()
                        ? "Every message must end either acked after processing or in the dead-letter queue; bound"
                                + " retries with maxAttempts."
                        : "Declare deadLetterQueue" + dlqHint() + " and bound retries with maxAttempts.");
    }

    String classificationFix(Throwable thrown) {
        if (thrown != null) {
            for (Class<? extends Throwable> type : contract.nonRetryable()) {
                if (type.isInstance(thrown)) {
                    return "'" + thrown.getClass().getSimpleName() + "' is declared nonRetryable (as "
                            + type.getSimpleName() + ") but was thrown for a transient failure: let I/O failures"
                            + " propagate unchanged, or narrow nonRetryable to exceptions of messages that can never"
                            + " succeed.";
                }
            }
        }
        if (contract.maxAttempts() == 1) {
            return "maxAttempts = 1 gives transient failures no retry; set maxAttempts to 3 or more.";
        }
        return "Retry transient failures: do not classify I/O failures and timeouts as non-retryable.";
    }

    private String dlqHint() {
        return contract.hasDeadLetterQueue() ? "" : " (e.g. \"" + contract.queue() + ".dlq\")";
    }

    private static String attempts(int n) {
        return n == 1 ? "1 attempt" : n + " attempts";
    }
}
