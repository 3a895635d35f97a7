def log = new File(basedir, 'build.log').text

assert log.contains('[INFO] event-contracts: 1 schema checked against 1 registered version (BACKWARD): 1 incompatible')
assert log.contains('event-contracts: 1 of 1 schema is not compatible with the registry (file:src/main/registry)')
assert log.contains("src/main/avro/order.avsc (subject 'shop.OrderPlaced'):")
assert log.contains("  Schema 'shop.OrderPlaced' is not BACKWARD compatible with v1: 2 incompatibilities.")
assert log.contains('  1. TYPE_MISMATCH at OrderPlaced.quantity (v1, new reads old, /fields/1/type)')
assert log.contains('  2. READER_FIELD_MISSING_DEFAULT_VALUE at OrderPlaced.email (v1, new reads old, /fields/2)')
assert log.contains("     Fix: Give field 'email' a default in the new schema")
assert log.contains('BUILD FAILURE')

def compat = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/event-contracts/compatibility.json'))
assert compat.schemas[0].status == 'INCOMPATIBLE'
assert compat.schemas[0].incompatibilities*.path == ['OrderPlaced.quantity', 'OrderPlaced.email']
assert compat.schemas[0].incompatibilities*.version == [1, 1]
return true
