package dev.eventcontracts.spring.bench;

import dev.eventcontracts.junit.Scenario;
import dev.eventcontracts.junit.ScenarioResult;
import dev.eventcontracts.junit.ScenarioStatus;
import dev.eventcontracts.spring.ServiceContract;
import dev.eventcontracts.spring.ServiceSession;
import dev.eventcontracts.spring.samples.ParcelListener;
import dev.eventcontracts.spring.samples.good.GoodParcelApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Wall time of service mode for one Spring listener (the sample ParcelListener of GoodParcelApp):
 * all 14 scenarios including the service's context start and a harness broker, against the
 * reference of the bare context start of the same application in the same run (alternating,
 * medians). Run by hand, never in CI:
 *
 * <pre>
 * java -cp "$(cat /tmp/spring-bench-cp.txt):target/classes:target/test-classes" \
 *     dev.eventcontracts.spring.bench.ServiceModeBench [repetitions]
 * </pre>
 */
public final class ServiceModeBench {

    private ServiceModeBench() {}

    public static void main(String[] args) {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        serviceMode();
        bareContext();
        List<long[]> service = new ArrayList<>();
        List<Long> bare = new ArrayList<>();
        for (int i = 0; i < repetitions; i++) {
            service.add(serviceMode());
            bare.add(bareContext());
        }
        System.out.printf("repetitions=%d%n", repetitions);
        System.out.printf(
                "service mode, 14 scenarios incl. broker + context start: median=%d ms (min %d, max %d)%n",
                median(service.stream().map(r -> r[0]).toList()),
                service.stream().mapToLong(r -> r[0]).min().orElse(0),
                service.stream().mapToLong(r -> r[0]).max().orElse(0));
        System.out.printf(
                "  of which start (broker, stub, context, consumer up): median=%d ms; scenarios: median=%d ms%n",
                median(service.stream().map(r -> r[1]).toList()),
                median(service.stream().map(r -> r[2]).toList()));
        System.out.printf("reference, bare context start of the same application: median=%d ms%n", median(bare));
    }

    /** {total, start, scenarios} in millis. */
    private static long[] serviceMode() {
        long t0 = System.nanoTime();
        ServiceContract contract = ServiceContract.builder(GoodParcelApp.class, ParcelListener.class, "onScanned")
                .queue("parcels.scanned")
                .build();
        try (ServiceSession session =
                ServiceSession.start(contract, new ServiceSession.Options(null, null, null, Duration.ofSeconds(10)))) {
            long t1 = System.nanoTime();
            for (Scenario s : Scenario.on(dev.eventcontracts.annotations.contract.ContractScenario.Transport.AMQP)) {
                ScenarioResult r = session.run(s);
                if (r.status() == ScenarioStatus.FAILED || r.status() == ScenarioStatus.ERROR) {
                    throw new IllegalStateException("bench sample broke the contract: " + r.describe());
                }
            }
            long t2 = System.nanoTime();
            return new long[] {(t2 - t0) / 1_000_000, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000};
        }
    }

    private static long bareContext() {
        long t0 = System.nanoTime();
        SpringApplication app = new SpringApplication(GoodParcelApp.class);
        try (ConfigurableApplicationContext ctx = app.run(
                "--spring.main.web-application-type=none",
                "--spring.rabbitmq.listener.simple.auto-startup=false",
                "--spring.rabbitmq.listener.direct.auto-startup=false")) {
            return (System.nanoTime() - t0) / 1_000_000;
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
