// A small MCP server for McpToolsIT, on the MCP TypeScript SDK that server-everything brings (.ci/mcp). Each
// add_note call appends one line to $NOTES_FILE, so a test can count how often a call really ran; clear_notes has
// no annotations (destructive by the specification's defaults); enable_archive registers a new tool while connected,
// which makes the SDK send notifications/tools/list_changed.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { appendFileSync, writeFileSync } from "node:fs";

const file = process.env.NOTES_FILE;
const server = new McpServer({ name: "notes", version: "1.0.0" });

server.registerTool("add_note", {
  description: "Adds one note.",
  inputSchema: { text: z.string().describe("The note") },
  annotations: { readOnlyHint: false, destructiveHint: false },
}, async ({ text }) => {
  appendFileSync(file, text + "\n");
  return { content: [{ type: "text", text: "noted: " + text }] };
});

server.registerTool("clear_notes", { description: "Deletes every note." }, async () => {
  writeFileSync(file, "");
  return { content: [{ type: "text", text: "cleared" }] };
});

server.registerTool("enable_archive", {
  description: "Makes the archive_notes tool available.",
  annotations: { readOnlyHint: true },
}, async () => {
  server.registerTool("archive_notes", {
    description: "Archives the notes under a label.",
    inputSchema: { label: z.string() },
    annotations: { readOnlyHint: false, destructiveHint: false },
  }, async ({ label }) => ({ content: [{ type: "text", text: "archived as " + label }] }));
  return { content: [{ type: "text", text: "archive enabled" }] };
});

await server.connect(new StdioServerTransport());
