/**
 * The benchmark harness: {@code ./alfred bench} (the Maven profile {@code bench}) runs {@link
 * dev.alfred.bot.bench.BenchmarkSuite}, which starts Alfred with the fake Slack and a zero-latency fake model on
 * 127.0.0.1, on H2 and on PostgreSQL, measures what users wait for and what Alfred costs, and writes
 * {@code docs/benchmarks.md}. Not part of the default test run: no class here is named {@code *Test} or {@code *IT}.
 */
package dev.alfred.bot.bench;
