package dev.eventcontracts.broker.faults;

import java.util.List;

/**
 * The fault rules of one harness broker. Thread-safe: callable from any thread; each call takes
 * effect before it returns.
 *
 * <pre>{@code
 * broker.faults().add(new FaultRule.DuplicateDeliveries("orders", 1));
 * }</pre>
 */
public interface Faults {

    /** Activates a rule and returns it with its id. */
    ActiveFault add(FaultRule rule);

    /** The rules still active, oldest first. */
    List<ActiveFault> active();

    /** Ends a rule early; false when no rule has that id (any more). */
    boolean remove(long id);

    /** Ends every rule. */
    void clear();

    /**
     * An active rule: its id, the rule, how often it has applied so far, and when it ends on
     * the wall clock ({@code 0} for rules bounded by count only).
     */
    record ActiveFault(long id, FaultRule rule, int applied, long endsAtMillis) {}
}
