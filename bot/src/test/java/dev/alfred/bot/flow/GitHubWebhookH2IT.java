package dev.alfred.bot.flow;

import dev.alfred.bot.support.TestDatabase;

/** {@link GitHubWebhookIT} on the embedded H2 database. */
class GitHubWebhookH2IT extends GitHubWebhookIT {
    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }
}
