def log = new File(basedir, 'build.log').text
def report = new File(basedir, 'target/event-contracts')

// generate-contract-tests: three consumers, the missing dead-letter queue reported where it is
assert log.contains('[WARNING]   src/main/java/com/example/AnalyticsConsumer.java:15: no-dead-letter-queue: AnalyticsConsumer#onOrderPlaced has no dead-letter queue')
assert log.contains('[INFO] event-contracts: 3 consumers found, 3 contract tests in target/generated-test-sources/event-contracts (3 written, 0 deleted), 1 finding (0 errors, 1 warnings)')
assert new File(basedir, 'target/generated-test-sources/event-contracts/com/example/InventoryConsumerContractIT.java').exists()

// start / stop around the tests
assert log =~ /\[INFO\] event-contracts: started harness broker at amqp:\/\/guest:guest@127\.0\.0\.1:\d+ \(eventcontracts\.amqp\.uri, eventcontracts\.admin\.uri set; target\/event-contracts\/endpoints\.properties\)/
assert log =~ /\[INFO\] event-contracts: stopped harness broker at amqp:\/\/guest:guest@127\.0\.0\.1:\d+ \(eventcontracts\.amqp\.uri, eventcontracts\.admin\.uri removed\)/

// the gate: one summary line, then one line per broken scenario naming the consumer and the fix
assert log =~ /\[INFO\] event-contracts: 3 consumers, 42 scenarios \(\d+ passed, \d+ broken, 9 skipped\), 0 schemas \(0 incompatible\), 1 finding: gate failed with \d+ violations at ERROR or above/
assert log.contains("  - consumer 'com.example.ShippingConsumer#onOrderPlaced' (a) duplicate-delivery: FAILED: ShippingConsumer is not idempotent: delivering OrderPlaced{orderId=o-1} twice (immediate duplicate) state 'o-1' is 16 (expected 8). Fix: Deduplicate on 'orderId' — see idempotencyKey.")
assert log.contains("  - consumer 'com.example.ShippingConsumer#onOrderPlaced' (e) republished-new-message-id: FAILED: ShippingConsumer is not idempotent")
assert log.contains("  - consumer 'com.example.AnalyticsConsumer#onOrderPlaced' (g) undecodable-bytes: FAILED: AnalyticsConsumer drops poison: undecodable bytes (32 x 0x80) was rejected after 1 attempt and, with no dead-letter queue, the broker discarded it — the message is lost. Fix: Declare deadLetterQueue (e.g. \"analytics.order-placed.dlq\") so rejected messages are kept for inspection and replay.")
assert log.contains("  - consumer 'com.example.AnalyticsConsumer#onOrderPlaced' (m) conservation: FAILED: AnalyticsConsumer does not conserve messages: of 5 published, 3 processed, 0 dead-lettered, 2 lost")
assert !log.contains("consumer 'com.example.InventoryConsumer#onOrderPlaced' (a)") : 'the idempotent consumer is not blamed'
assert log.contains('Report: target/event-contracts/report.html')
assert log.contains('BUILD FAILURE')

def md = new File(report, 'report.md').text
assert md.contains('| `com.example.InventoryConsumer#onOrderPlaced` | `inventory.order-placed.dlq` | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | – | – | – | ✓ | ✓ | ✓ |')
assert md.contains('| `com.example.ShippingConsumer#onOrderPlaced` | `shipping.order-placed.dlq` | ✗ | ✗ | ✗ | ✗ | ✗ | ✗ | ✓ | ✓ | – | – | – | ✓ | ✓ | ✓ |')
assert md =~ /\| `com\.example\.AnalyticsConsumer#onOrderPlaced` \| \*\*none\*\* \| (.*)\|\n/
def analytics = (md =~ /\| `com\.example\.AnalyticsConsumer#onOrderPlaced` \| \*\*none\*\* \| (.*)\|\n/)[0][1].split('\\|')*.trim()
assert analytics[6] == '✗' && analytics[7] == '✗' && analytics[12] == '✗' : "g, h, m fail without a DLQ: ${analytics}"
// (j) and (k) cannot reach consumers that only change in-memory state (no publish, no HTTP, no fault point): skipped, never passed
assert analytics[9] == '–' && analytics[10] == '–' : "j, k skipped: ${analytics}"

def json = new groovy.json.JsonSlurper().parse(new File(report, 'report.json'))
assert json.verdict == 'FAILED'
assert json.violations.findAll { it.severity != 'INFO' }*.subject.toSet() == ['com.example.ShippingConsumer#onOrderPlaced', 'com.example.AnalyticsConsumer#onOrderPlaced', 'no-dead-letter-queue'].toSet()
assert new File(report, 'report.html').text.contains('<table id="matrix">')
return true
