#!/usr/bin/env node
/** The `isms` executable and `npm start`: reads the environment, then hands over to the command line. */
import { userInfo } from "node:os";
import { readConfig } from "./config.js";
import { runCli } from "./program.js";

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? "console";
  }
}

process.exitCode = await runCli(process.argv.slice(2), readConfig(process.env), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  osUser: osUser(),
});
