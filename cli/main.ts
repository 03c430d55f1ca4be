#!/usr/bin/env node
import { existsSync } from "node:fs";
/** The `isms` executable and `npm start`: reads the environment, then hands over to the command line. */
import { userInfo } from "node:os";
import { join } from "node:path";
import { packageRoot, readConfig } from "./config.js";
import { runCli } from "./program.js";

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? "console";
  }
}

// A reader that stops early (`isms audit-log | head`) is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

// Variables in a .env file next to the project (see .env.example) count as if they were set; the environment wins.
const envFile = join(packageRoot(), ".env");
if (existsSync(envFile)) process.loadEnvFile(envFile);

process.exitCode = await runCli(process.argv.slice(2), () => readConfig(process.env), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  osUser: osUser(),
});

// Everything is done and closed; a client's idle keep-alive socket or timer must not keep the process from ending.
setTimeout(() => process.exit(), 2000).unref();
