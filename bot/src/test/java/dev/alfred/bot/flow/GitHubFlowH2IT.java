package dev.alfred.bot.flow;

import dev.alfred.bot.support.TestDatabase;

/** {@link GitHubFlowIT} on the embedded H2 database. */
class GitHubFlowH2IT extends GitHubFlowIT {
    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }
}
