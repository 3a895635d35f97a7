package dev.eventcontracts.registry.consumers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides whether a service version can be deployed to an environment, in both directions: its
 * writers against the readers of the services deployed there, and its readers against the
 * writers deployed there. The services' own earlier deployment is the one being replaced, so it is
 * left out. Immutable and thread-safe.
 */
public final class CanIDeploy {

    private final ConsumerCheck check = new ConsumerCheck();

    /**
     * Builds the matrix.
     *
     * @param candidate the service version to deploy (its environment is the target)
     * @param deployed what runs in that environment ({@link ContractRegistry#deployed(String)})
     */
    public DeployMatrix check(Deployment candidate, List<Deployment> deployed) {
        List<DeployRow> rows = new ArrayList<>();
        for (Deployment other : deployed) {
            if (other.service().equals(candidate.service())) {
                continue;
            }
            for (ProducedSchema ours : candidate.writes()) {
                for (ConsumerContract theirs : other.reads()) {
                    if (theirs.subject().equals(ours.subject())) {
                        ConsumerVerdict verdict = check.check(ours.subject(), ours.writer(), theirs);
                        rows.add(new DeployRow(
                                other.service(),
                                other.version(),
                                ours.subject(),
                                DeployRow.Role.READS_OUR_WRITER,
                                verdict.breaks()));
                    }
                }
            }
            for (ConsumerContract ours : candidate.reads()) {
                for (ProducedSchema theirs : other.writes()) {
                    if (theirs.subject().equals(ours.subject())) {
                        ConsumerVerdict verdict = check.check(ours.subject(), theirs.writer(), ours);
                        rows.add(new DeployRow(
                                other.service(),
                                other.version(),
                                ours.subject(),
                                DeployRow.Role.WRITES_OUR_READER,
                                verdict.breaks()));
                    }
                }
            }
        }
        rows.sort(Comparator.comparing(DeployRow::subject)
                .thenComparing(DeployRow::role)
                .thenComparing(DeployRow::service));
        return new DeployMatrix(candidate.environment(), candidate.service(), candidate.version(), rows);
    }
}
