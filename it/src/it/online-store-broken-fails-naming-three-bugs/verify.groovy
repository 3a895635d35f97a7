def log = new File(basedir, 'build.log').text
def reports = new File(basedir, 'online-store/target/event-contracts')

// bug 2, seen first: check-compatibility reports the removed field and leaves the verdict to the gate
assert log.contains('[WARNING] src/broken/avro/order-placed.avsc (subject \'com.example.store.events.OrderPlaced\'):')
assert log.contains('[WARNING]   1. READER_FIELD_MISSING_DEFAULT_VALUE at OrderPlaced.customerId (v1, old reads new, /fields/1)')

assert log.contains('[INFO] event-contracts: 3 consumers, 42 scenarios (33 passed, 9 broken, 0 skipped), 2 schemas (1 incompatible), 0 findings: gate failed with 12 violations at ERROR or above')
assert log.contains('event-contracts gate failed: 12 violations at ERROR or above')

// bug 1: shipping is not idempotent
assert log.contains("  - consumer 'com.example.store.shipping.ShippingConsumer#onOrderPlaced' (a) duplicate-delivery: FAILED: ShippingConsumer is not idempotent: delivering OrderPlaced{orderId=o-1} twice (immediate duplicate) published 2 messages on exchange 'shipping' with routing key 'shipment.requested' (expected 1) and state 'o-1 -> shp-o-1' is 2 (expected 1). Fix: Deduplicate on 'orderId' — see idempotencyKey.")
assert log.contains("  - consumer 'com.example.store.shipping.ShippingConsumer#onOrderPlaced' (b) lost-ack: FAILED: ShippingConsumer is not idempotent: delivering OrderPlaced{orderId=o-1} twice (ack lost after processing) published 2 messages on exchange 'shipping' with routing key 'shipment.requested' (expected 1) and state 'o-1 -> shp-o-1' is 2 (expected 1). Fix: Deduplicate on 'orderId' — see idempotencyKey.")

// bug 2: the schema change removes a field old readers need
assert log.contains("  - schema 'com.example.store.events.OrderPlaced' (src/broken/avro/order-placed.avsc): not FULL_TRANSITIVE compatible with v1 at 'OrderPlaced.customerId': Field 'customerId' (string) of record 'OrderPlaced' is missing from the new schema and has no default in v1, so v1 cannot read data written with the new schema. Fix: Keep field 'customerId' in the new schema (mark it deprecated in \"doc\" instead of removing it); a field can only be removed once every version that reads it gives it a default.")

// bug 3: analytics swallows messages it fails to process
assert log.contains("  - consumer 'com.example.store.analytics.AnalyticsConsumer#onOrderPlaced' (j) retries-exhausted: FAILED: AnalyticsConsumer swallows failures: OrderPlaced{orderId=o-1} failing transiently on every attempt (its publish failed with an injected connection reset) was acked on attempt 1 though processing failed, so its effects are lost. Fix: Let the failure propagate so the message is retried and finally dead-lettered.")

// ... and it swallows its own validation failure: scenario (i) delivers the fixture's poison sample
assert log.contains("  - consumer 'com.example.store.analytics.AnalyticsConsumer#onOrderPlaced' (i) non-retryable: FAILED: AnalyticsConsumer swallows poison silently: poison sample 1 of AnalyticsFixture (OrderPlaced{orderId=o-invalid}) was acked after the handler returned normally on attempt 1; it was neither processed nor dead-lettered.")

// failsafe's own count: the 9 broken scenarios (OrderServiceIT passes)
assert log.contains("  - tests 'integration tests': 9 failed and 0 errored of 43 run by failsafe.")

// the correct consumer is not blamed; the report says where to look
assert !log.contains("consumer 'com.example.store.inventory.InventoryConsumer#onOrderPlaced'")
assert log.contains('Report: target/event-contracts/report.html')
assert log.contains('BUILD FAILURE')

def md = new File(reports, 'report.md').text
assert md.startsWith('## event-contracts: online-store — ❌ gate failed')
assert md.contains('| `com.example.store.analytics.AnalyticsConsumer#onOrderPlaced` | `analytics.order-placed.dlq` | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✗ | ✗ | ✗ | ✓ | ✓ | ✓ |')
assert md.contains('| `com.example.store.inventory.InventoryConsumer#onOrderPlaced` | `inventory.order-placed.dlq` | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ |')
assert md.contains('| `com.example.store.shipping.ShippingConsumer#onOrderPlaced` | `shipping.order-placed.dlq` | ✗ | ✗ | ✗ | ✗ | ✗ | ✗ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ |')
assert md.contains('| `com.example.store.events.OrderPlaced` | `src/broken/avro/order-placed.avsc` | FULL_TRANSITIVE | v1, v2 | INCOMPATIBLE |')

def json = new groovy.json.JsonSlurper().parse(new File(reports, 'report.json'))
assert json.verdict == 'FAILED'
def subjects = json.violations*.subject as Set
assert subjects.containsAll(['com.example.store.shipping.ShippingConsumer#onOrderPlaced',
                             'com.example.store.analytics.AnalyticsConsumer#onOrderPlaced',
                             'com.example.store.events.OrderPlaced'])
assert !subjects.contains('com.example.store.inventory.InventoryConsumer#onOrderPlaced')

// the JUnit XML for CI charts fails the same cases: 9 scenarios, the schema, the failsafe count, the verdict
def xml = new groovy.xml.XmlSlurper().parse(new File(reports, 'report.junit.xml'))
assert xml.@tests.text() == '46' && xml.@failures.text() == '12' && xml.@errors.text() == '0'
def shipping = xml.testsuite.find { it.@name == 'com.example.store.shipping.ShippingConsumer#onOrderPlaced' }
assert shipping.testcase.findAll { it.failure.size() > 0 }.size() == 6
assert shipping.testcase.find { it.@name.text().startsWith('(a) duplicate-delivery') }.failure.@message.text().startsWith('ShippingConsumer is not idempotent')
assert xml.testsuite.find { it.@name == 'gate' }.testcase.find { it.@name == 'verdict' }.failure.size() == 1

// the report's flow: shipping and analytics red, inventory green; a journal timeline per failing
// scenario: shipping (a)-(f) and analytics (i)(j)(k)
def html = new File(reports, 'report.html').text
assert html.count('<g class="consumer FAILED"') == 2
assert html.count('<g class="consumer PASSED"') == 1
assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="timeline"') == 9
assert html.contains('<h4><code>ShippingConsumer#onOrderPlaced</code> (a) duplicate-delivery: FAILED</h4>')
assert html.contains('<g class="event ACKED">')
assert html.contains('<h4><code>AnalyticsConsumer#onOrderPlaced</code> (i) non-retryable: FAILED</h4>')
return true
