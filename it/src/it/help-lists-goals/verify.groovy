def log = new File(basedir, 'build.log').text

assert log.contains('event-contracts :: maven plugin') : 'help names the plugin'
assert log.contains('event-contracts:help') : 'help lists the help goal with its prefix'
assert log.contains('BUILD SUCCESS')
return true
