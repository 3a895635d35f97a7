def log = new File(basedir, 'build.log').text

assert log.contains('[INFO] event-contracts: 2 schemas checked against 0 registered versions (BACKWARD): compatible, 2 new subjects')
assert log.contains('BUILD SUCCESS')
assert !new File(basedir, 'src/main/registry').exists() : 'a check never creates the file store'

def compat = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/event-contracts/compatibility.json'))
assert compat.registry == 'file:src/main/registry (not created yet)'
assert compat.schemas*.subject == ['shop.OrderPlaced', 'shop.OrderShipped']
assert compat.schemas*.status == ['NEW_SUBJECT', 'NEW_SUBJECT']
assert compat.schemas[1].file == 'src/main/avro/shipped.avdl'

def html = new File(basedir, 'target/event-contracts/report.html').text
assert html.contains('<td class="NEW_SUBJECT">NEW_SUBJECT</td>')
return true
