// Copies examples/online-store-spring into ./online-store-spring: the step the online-store-spring ITs share.
exampleName = 'online-store-spring'
return evaluate(basedir.toPath().resolve('../../../src/it-shared/copy-example.groovy').normalize().toFile())
