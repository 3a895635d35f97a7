def log = new File(basedir, 'build.log').text

assert log.contains('[INFO] event-contracts: registered 1 schema, 0 unchanged (file:src/main/registry): shop.OrderPlaced v1')
assert log.contains('[INFO] event-contracts: 1 schema checked against 1 registered version (BACKWARD): compatible')
assert log.contains('[INFO] event-contracts: 0 consumers, 0 scenarios (0 passed, 0 broken, 0 skipped), 1 schema (0 incompatible), 0 findings: gate passed')
assert new File(basedir, 'src/main/registry').isDirectory() : 'register wrote the committed file store'

def compat = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/event-contracts/compatibility.json'))
assert compat.registry == 'file:src/main/registry'
assert compat.schemas.size() == 1
assert compat.schemas[0].subject == 'shop.OrderPlaced'
assert compat.schemas[0].status == 'COMPATIBLE'
assert compat.schemas[0].versionsChecked == [1]

def md = new File(basedir, 'target/event-contracts/report.md').text
assert md.contains('| `shop.OrderPlaced` | `src/main/avro/order.avsc` | BACKWARD | v1 | COMPATIBLE |')
return true
