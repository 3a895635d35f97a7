def log = new File(basedir, 'build.log').text
def report = new File(basedir, 'target/event-contracts')

// generate-contract-tests: both record consumers are found as JSON consumers, no Avro involved
assert log.contains('[INFO] event-contracts: 2 consumers found, 2 contract tests in target/generated-test-sources/event-contracts (2 written, 0 deleted)')
def generated = new File(basedir, 'target/generated-test-sources/event-contracts/com/example/ReservationConsumerContractIT.java')
assert generated.exists()
assert log.contains("[INFO]   consumer com.example.ReservationConsumer#onStockRequested (@EventConsumer, queue 'reservations.stock-requested', dead-letter queue 'reservations.stock-requested.dlq', fixture com.example.ReservationFixture, JSON payload com.example.StockRequested: no writer versions, scenario (n) skipped)")
assert !generated.text.contains('schemaFile') : 'a JSON payload needs no schema'

// the gate fails the consumer that reserves a redelivered request twice, naming the JSON event
assert log.contains('[INFO] event-contracts: 2 consumers, 28 scenarios (14 passed, 6 broken, 8 skipped), 0 schemas (0 incompatible), 0 findings: gate failed with 6 violations at ERROR or above')
assert log.contains("  - consumer 'com.example.BackorderConsumer#onStockRequested' (a) duplicate-delivery: FAILED: BackorderConsumer is not idempotent: delivering StockRequested{requestId=r-1} twice (immediate duplicate) state 'sku-1' is 2002 (expected 1001). Fix: Deduplicate on 'requestId' — see idempotencyKey.")
assert !log.contains("consumer 'com.example.ReservationConsumer#onStockRequested' (") : 'the idempotent consumer is not blamed'
assert log.contains('BUILD FAILURE')

def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/event-contracts/results/ReservationConsumer-onStockRequested.json'))
def status = json.scenarios.collectEntries { [(it.letter): it.status] }
// JSON through our decoder: undecodable bytes and a wrong-shape document are dead-lettered at once
assert status.a == 'PASSED' && status.f == 'PASSED' && status.g == 'PASSED' && status.h == 'PASSED' && status.m == 'PASSED' : "${status}"
// no writer schema versions for JSON: (n) is skipped, never passed
assert status.n == 'SKIPPED' : "${status}"
assert json.scenarios.find { it.letter == 'n' }.message.contains('reads JSON payloads, which carry no writer schema versions')

def report2 = new groovy.json.JsonSlurper().parse(new File(report, 'report.json'))
assert report2.verdict == 'FAILED'
assert report2.violations.findAll { it.severity == 'ERROR' }*.subject.toSet() == ['com.example.BackorderConsumer#onStockRequested'].toSet()
return true
