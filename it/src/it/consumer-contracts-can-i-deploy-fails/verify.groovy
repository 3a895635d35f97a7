def log = new File(basedir, 'build.log').text

// 3: the producer's removal breaks the deployed consumer
assert log.contains("event-contracts: can-i-deploy order-svc 1.0.0 to production: no (1 of 1 pair breaks)")
assert log.contains("inventory-svc  1.0.0    shop.OrderPlaced  reads what we write  BREAKS")
assert log.contains("Consumer inventory-svc 1.0.0 cannot read subject 'shop.OrderPlaced': its reader schema needs field 'customerId' (no default)")
assert log.contains("Its code reads 'customerId' at src/main/java/com/example/inventory/InventoryConsumer.java:14.")

// 4: the consumer's new reader needs a field the deployed producer does not write
assert log.contains("event-contracts: can-i-deploy inventory-svc 1.0.0 to production: no (1 of 1 pair breaks)")
assert log.contains("order-svc  1.0.0    shop.OrderPlaced  writes what we read  BREAKS")
assert log.contains("needs field 'warehouse' (no default)")
assert log.contains("Its code does not read 'warehouse'; only its reader schema needs it.")

def matrix = new groovy.json.JsonSlurper().parse(new File(basedir, 'order-svc/target/event-contracts/can-i-deploy.json'))
assert matrix.deployable == false
assert matrix.rows[0].breaks[0].consumer == 'inventory-svc 1.0.0'
assert matrix.rows[0].breaks[0].field == 'customerId'
assert log.contains('BUILD FAILURE')
return true
