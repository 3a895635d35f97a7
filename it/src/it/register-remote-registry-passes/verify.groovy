def log = new File(basedir, 'build.log').text
def started = (log =~ /event-contracts: started harness broker at \S+ and embedded registry at (http:\/\/127\.0\.0\.1:\d+\/apis\/registry\/v2) /)
assert started.find() : 'start ran first and exported the registry URI'
def registry = started.group(1)

assert log.contains("[INFO] event-contracts: registered 1 schema, 0 unchanged (${registry}): shop.OrderPlaced v1")
assert log.contains("[INFO] event-contracts: 1 schema checked against 1 registered version (BACKWARD): compatible")
assert !new File(basedir, 'src/main/registry').exists() : 'remote mode never writes the file store'

def compat = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/event-contracts/compatibility.json'))
assert compat.registry == registry
assert compat.schemas[0].status == 'COMPATIBLE'
assert !log.contains('not-a-secret') : 'credentials are never logged'
assert log.contains('BUILD SUCCESS')
return true
