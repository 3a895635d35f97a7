def log = new File(basedir, 'build.log').text
assert log.contains('event-contracts')
return true
