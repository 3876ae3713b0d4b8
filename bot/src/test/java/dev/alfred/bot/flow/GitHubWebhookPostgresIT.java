package dev.alfred.bot.flow;

import dev.alfred.bot.support.TestDatabase;

/** {@link GitHubWebhookIT} on PostgreSQL. */
class GitHubWebhookPostgresIT extends GitHubWebhookIT {
    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
