package dev.alfred.bot.flow;

import dev.alfred.bot.support.TestDatabase;

/** {@link ApprovalFlowIT} on the embedded H2 database. */
class ApprovalFlowH2IT extends ApprovalFlowIT {
    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }
}
