// Copies examples/online-store-spring into ./online-store-spring: the step the online-store-spring ITs share.
return evaluate(basedir.toPath().resolve('../../../src/it-shared/copy-online-store-spring.groovy').normalize().toFile())
