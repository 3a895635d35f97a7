def probe = new File(basedir, 'target/probe.txt')
assert probe.exists() : 'the integration test read the broker through its admin API'
def text = probe.text
assert text.contains('"policy":"dead-letters"')
assert text.contains('"name":"orders.dlx"')
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
return true
