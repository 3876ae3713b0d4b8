package dev.alfred.agents.approvals;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** {@code alfred.approvals.*}. */
@ConfigurationProperties("alfred.approvals")
public class ApprovalSettings {
    /** How long a staged action waits for a decision before it expires. */
    private Duration ttl = Duration.ofHours(24);

    public Duration getTtl() {
        return ttl;
    }

    public void setTtl(Duration ttl) {
        this.ttl = ttl;
    }
}
