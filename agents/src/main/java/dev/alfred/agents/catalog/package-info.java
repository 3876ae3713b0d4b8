/**
 * The fleet's agents: definitions read from YAML files (codename, description, system prompt, model and fallback,
 * allowed tools, step limit, budget, prompt size), checked at start-up, and looked up by codename.
 */
package dev.alfred.agents.catalog;
