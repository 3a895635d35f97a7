def log = new File(basedir, 'build.log').text
def reports = new File(basedir, 'online-store-kafka/target/event-contracts')

// discovery already warns about the consumer without a dead-letter topic
assert log.contains('InventoryConsumer#onOrderPlaced has no dead-letter topic: records it cannot process are skipped and lost.')
assert log =~ /\[INFO\] event-contracts: started .* and embedded Kafka 4\.\d+\.\d+ \(KRaft\) at 127\.0\.0\.1:\d+ /
assert log.contains('[INFO] event-contracts: 3 consumers, 45 scenarios (27 passed, 16 broken, 2 skipped), 2 schemas (0 incompatible), 1 finding: gate failed with 17 violations at ERROR or above')

// bug 1: shipping is not idempotent, caught by Kafka's redelivery shapes (a)-(f)
assert log.contains("  - consumer 'com.example.store.shipping.ShippingConsumer#onOrderPlaced' (a) duplicate-delivery: FAILED: ShippingConsumer is not idempotent: producing OrderPlaced{orderId=o-1} twice (a producer retry: two offsets) published 2 messages")
assert log.contains("  - consumer 'com.example.store.shipping.ShippingConsumer#onOrderPlaced' (b) commit-lost: FAILED: ShippingConsumer is not idempotent: processing OrderPlaced{orderId=o-1}, crashing before the offset commit, and redelivering it to the instance that took over the partition published 2 messages")
['(c) rebalance-mid-batch', '(d) offset-replay', '(e) new-key-and-headers', '(f) group-rebalance'].each {
    assert log.contains("  - consumer 'com.example.store.shipping.ShippingConsumer#onOrderPlaced' ${it}: FAILED: ShippingConsumer is not idempotent: ") : it
}
assert log.contains("Fix: Deduplicate on 'orderId' — see idempotencyKey.")

// bug 2: inventory has no dead-letter topic and swallows failures: poison is committed and lost
assert log.contains("  - consumer 'com.example.store.inventory.InventoryConsumer#onOrderPlaced' (g) undecodable-bytes: FAILED: InventoryConsumer drops poison: undecodable bytes (32 x 0x80) failed with ")
assert log.contains("and was skipped, because no dead-letter topic is declared; the record is lost. Fix: Declare a dead-letter topic (@EventConsumer(deadLetterTopic = ...)).")
assert log.contains("  - consumer 'com.example.store.inventory.InventoryConsumer#onOrderPlaced' (m) conservation: FAILED: InventoryConsumer does not conserve records per partition: undecodable bytes (32 x 0x80) (partition 1, offset 1) was lost")
assert log.contains("  - consumer 'com.example.store.inventory.InventoryConsumer#onOrderPlaced' (i) non-retryable: FAILED: InventoryConsumer swallows poison silently: the handler returned normally for poison sample 1 of InventoryFixture (OrderPlaced{orderId=o-invalid}) on attempt 1, so its offset was committed and nothing reached the dead-letter topic.")

// bug 3: analytics parks a failed record in a retry-later list, so a customer's later order overtakes it
assert log.contains("  - consumer 'com.example.store.analytics.AnalyticsConsumer#onOrderPlaced' (o) key-ordering: FAILED: AnalyticsConsumer applies records of one key out of order: OrderPlaced{orderId=o-1} (customerId=c-1, record 1 of the key)")
assert log.contains("Fix: Records with the same customerId must be applied in the order they were produced: retry a failed record in place (a blocking retry) instead of parking it in a retry topic or a retry-later list while later records of the key go ahead.")

assert log.contains("  - tests 'integration tests': 16 failed and 0 errored of 46 run by failsafe.")
assert log.contains('BUILD FAILURE')

def md = new File(reports, 'report.md').text
assert md.contains('| `com.example.store.analytics.AnalyticsConsumer#onOrderPlaced` (embedded Kafka) | `analytics.orders.placed.DLT` | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✗ | ✗ | ✓ | ✗ | ✓ | ✗ |')
assert md.contains('| `com.example.store.inventory.InventoryConsumer#onOrderPlaced` (embedded Kafka) | **none** | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✗ | ✗ | ✗ | ✗ | ✗ | ✓ | ✗ | ✓ | – |')
assert md.contains('| `com.example.store.shipping.ShippingConsumer#onOrderPlaced` (embedded Kafka) | `shipping.orders.placed.DLT` | ✗ | ✗ | ✗ | ✗ | ✗ | ✗ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | – |')
assert md.contains('Scenarios ran on: embedded Kafka (3).')

def json = new groovy.json.JsonSlurper().parse(new File(reports, 'report.json'))
assert json.verdict == 'FAILED'
assert (json.violations*.subject as Set).containsAll([
        'com.example.store.shipping.ShippingConsumer#onOrderPlaced',
        'com.example.store.inventory.InventoryConsumer#onOrderPlaced',
        'com.example.store.analytics.AnalyticsConsumer#onOrderPlaced'])
return true
