package dev.alfred.agents.trigger;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;

/**
 * Claims of GitHub issues. A worker moving an issue's labels first takes the claim's lease, so two workers never move
 * them at once; the state moves by compare-and-set after the move's calls succeeded.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface GitHubClaimRepository extends CrudRepository<GitHubClaim, String> {

    /** @return the claims of one issue, newest first */
    @Query("SELECT * FROM github_claims WHERE repo = :repo AND issue_number = :issueNumber ORDER BY created_at DESC")
    List<GitHubClaim> findByIssue(String repo, int issueNumber);

    /** Takes the claim until {@code until} unless another worker holds a live lease; 1 if taken. */
    @Query("UPDATE github_claims SET lease_until = :until "
            + "WHERE run_id = :runId AND (lease_until IS NULL OR lease_until < :now)")
    int lease(String runId, Instant until, Instant now);

    /** Gives the claim's lease back. */
    @Query("UPDATE github_claims SET lease_until = NULL WHERE run_id = :runId")
    int release(String runId);

    /** Moves a claim's state from {@code from} to {@code to}; 1 if it moved. */
    @Query("UPDATE github_claims SET state = :to, updated_at = :now WHERE run_id = :runId AND state = :from")
    int move(String runId, String from, String to, Instant now);
}
