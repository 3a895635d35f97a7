def log = new File(basedir, 'build.log').text
def project = new File(basedir, 'copy/archetype/target/test-classes/projects/basic/project/inventory-service')

// generated from the archetype and identical to the reference tree
assert log.contains('[INFO] Project created from Archetype in dir: ')
assert log.contains('[INFO] Comparing generated project with reference content: ')
assert !log.contains('Reference and generated project differs')
assert log.contains('BUILD SUCCESS')

// `mvn verify` on the generated service ran every gate and passed
def serviceLog = new File(project, 'build.log').text
assert serviceLog.contains('[INFO] event-contracts: 1 schema checked against 1 registered version (BACKWARD): compatible')
assert serviceLog.contains('[INFO] event-contracts: 1 consumer found, 1 contract test in target/generated-test-sources/event-contracts (1 written, 0 deleted), 0 findings (0 errors, 0 warnings)')
assert serviceLog.contains('[INFO] event-contracts: 1 consumer, 14 scenarios (14 passed, 0 broken, 0 skipped), 1 schema (0 incompatible), 0 findings: gate passed')
assert serviceLog.contains('BUILD SUCCESS')

def md = new File(project, 'target/event-contracts/report.md').text
assert md.contains('| `com.example.inventory.OrderPlacedConsumer#onOrderPlaced` | `inventory-service.order-placed.dlq` | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ |')
assert md.contains('| `com.example.orders.OrderPlaced` | `src/main/avro/order-placed.avsc` | BACKWARD | v1 | COMPATIBLE |')
return true
