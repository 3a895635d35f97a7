// Copies examples/online-store-kafka into ./online-store-kafka: the step the online-store ITs share.
// basedir is it/target/it/<this IT>; the shared script lives in it/src/it-shared.
exampleName = 'online-store-kafka'
return evaluate(basedir.toPath().resolve('../../../src/it-shared/copy-example.groovy').normalize().toFile())
