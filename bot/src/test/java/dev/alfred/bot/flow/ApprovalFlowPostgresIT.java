package dev.alfred.bot.flow;

import dev.alfred.bot.support.TestDatabase;

/** {@link ApprovalFlowIT} on PostgreSQL. */
class ApprovalFlowPostgresIT extends ApprovalFlowIT {
    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
