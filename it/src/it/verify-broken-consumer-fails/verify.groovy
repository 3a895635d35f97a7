def log = new File(basedir, 'build.log').text
def report = new File(basedir, 'target/event-contracts')

assert log.contains('[INFO] event-contracts: 2 consumers, 4 scenarios (3 passed, 1 broken, 0 skipped), 0 schemas (0 incompatible), 0 findings: gate failed with 1 violation at ERROR or above')
assert log.contains('event-contracts gate failed: 1 violation at ERROR or above')
assert log.contains("  - consumer 'com.example.ShippingConsumer#onOrderPlaced' (a) duplicate-delivery: FAILED: 2 shipments created for order 'o-1', expected 1 Fix: Make the handler idempotent: remember processed idempotency keys together with the effect and skip repeats.")
assert log.contains('Report: target/event-contracts/report.html')
assert !log.contains("consumer 'com.example.InventoryConsumer#onOrderPlaced'") : 'the passing consumer is not blamed'
assert log.contains('BUILD FAILURE')

def html = new File(report, 'report.html').text
assert html.contains('<span id="verdict" class="verdict failed">Gate failed</span>')
assert html.contains('<td class="cell FAILED" title="delivered twice: same effects as one delivery: 2 shipments created for order &#39;o-1&#39;, expected 1">✗</td>')

def md = new File(report, 'report.md').text
assert md.startsWith('## event-contracts: verify-broken-consumer-fails — ❌ gate failed')
assert md.contains('| `com.example.ShippingConsumer#onOrderPlaced` | `shipping.order-placed.dlq` | ✗ | · | · | · | · | · | ✓ |')

def json = new groovy.json.JsonSlurper().parse(new File(report, 'report.json'))
assert json.verdict == 'FAILED'
assert json.counts.scenariosBroken == 1
assert json.violations*.subject == ['com.example.ShippingConsumer#onOrderPlaced']
return true
