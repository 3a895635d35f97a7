// Copies examples/online-store into ./online-store: the step the online-store ITs share.
// basedir is it/target/it/<this IT>; the shared script lives in it/src/it-shared.
exampleName = 'online-store'
return evaluate(basedir.toPath().resolve('../../../src/it-shared/copy-example.groovy').normalize().toFile())
