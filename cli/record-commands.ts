/** The `isms` commands for the ISMS records: admins, people, the risk matrix, the audit log, exports and imports. */
import { resolve } from "node:path";
import { Presets, SingleBar } from "cli-progress";
import type { Command } from "commander";
import { plain } from "../adapters/console/render.js";
import { describeChange } from "../src/records/audit-log.js";
import { EXPORT_FORMATS } from "../src/records/export/formats.js";
import { exportRecords } from "../src/records/exports.js";
import { formatImportReport } from "../src/records/import/report.js";
import { parseMapOption, readRiskFile } from "../src/records/import/risk-file.js";
import type { Records } from "../src/records/records.js";
import type { Config } from "./config.js";
import { type Knowledge, openRecords } from "./context.js";
import { openDelivery } from "./delivery.js";
import { NotFoundError, UsageError } from "./errors.js";
import { importPolicies, POLICY_COLUMNS } from "./import-policies.js";
import { positiveInteger } from "./options.js";
import type { CliIO } from "./program.js";
import { addRemindCommand } from "./remind-command.js";

export interface RecordCommandDeps {
  config: Config;
  io: CliIO;
  know: () => Knowledge;
  print: (text: string) => void;
}

export function addRecordCommands(program: Command, { config, io, know, print }: RecordCommandDeps): void {
  const withRecords = <T>(work: (records: Records) => T): T => {
    const { records, close } = openRecords(config);
    try {
      return work(records);
    } finally {
      close();
    }
  };

  const withRecordsAsync = async (work: (records: Records) => Promise<void>): Promise<void> => {
    const { records, close } = openRecords(config);
    try {
      await work(records);
    } finally {
      close();
    }
  };

  const admin = program
    .command("admin")
    .description("manage ISMS admins (run on the machine that hosts the bot)");
  admin
    .command("add")
    .description("make a person an ISMS admin, e.g. isms admin add console:alice or slack:U024BE7LH")
    .argument("<person>", "<platform>:<user id>")
    .action((person: string) => {
      if (!/^[a-z]+:\S+$/.test(person))
        throw new UsageError(
          `"${person}" is not a person; write it as <platform>:<user id>, e.g. console:alice.`,
        );
      withRecords((records) => {
        records.people.addAdmin(person, `cli:${io.osUser}`);
        print(`${person} is now an ISMS admin.`);
      });
    });
  admin
    .command("list")
    .description("list the ISMS admins")
    .action(() =>
      withRecords((records) =>
        print(
          records.people
            .admins()
            .map((p) => p.key)
            .join("\n") || "There is no ISMS admin yet.",
        ),
      ),
    );

  program
    .command("person")
    .description(
      "record a person's manager, email, timezone or name, e.g. isms person console:bob --manager console:mallory",
    )
    .argument("<person>", "<platform>:<user id>")
    .option("--manager <person>", 'their manager, <platform>:<user id> ("none" to clear)')
    .option("--email <email>")
    .option("--timezone <zone>", "an IANA time zone such as Europe/Berlin")
    .action((person: string, options: { manager?: string; email?: string; timezone?: string }) =>
      withRecords((records) => {
        if (!records.people.get(person))
          throw new NotFoundError(`${person} has not spoken to the bot yet; ask them to say hello first.`);
        if (options.timezone && !isTimeZone(options.timezone))
          throw new UsageError(`"${options.timezone}" is not a time zone such as Europe/Berlin.`);
        if (options.email && !/^[^@\s]+@[^@\s]+$/.test(options.email))
          throw new UsageError(`"${options.email}" is not an email address.`);
        const actor = `cli:${io.osUser}`;
        if (options.manager) {
          const manager = options.manager === "none" ? null : options.manager;
          if (manager && !records.people.get(manager))
            throw new NotFoundError(`${manager} has not spoken to the bot yet.`);
          if (manager === person) throw new UsageError("a person cannot be their own manager.");
          records.people.setManager(person, manager, actor);
        }
        if (options.email || options.timezone)
          records.people.updateProfile(person, {
            email: options.email ?? null,
            timezone: options.timezone ?? null,
          });
        const now = records.people.get(person);
        print(
          `${person}: manager ${now?.manager ?? "none"}, email ${now?.email ?? "unknown"}, timezone ${now?.timezone ?? "the organisation's"}.`,
        );
      }),
    );

  program
    .command("risk-matrix")
    .description(
      "show or set the risk scale, the level thresholds (likelihood × impact) and the risk appetite",
    )
    .option("--scale-max <n>", "likelihood and impact run from 1 to n (3 to 10)")
    .option("--thresholds <low,medium,high>", "the highest score of low, medium and high, e.g. 4,9,16")
    .option(
      "--appetite <level>",
      "the highest level accepted without treatment: low, medium, high or critical",
    )
    .action((options: { scaleMax?: string; thresholds?: string; appetite?: string }) =>
      withRecords((records) => {
        const current = records.matrix.get();
        if (options.scaleMax || options.thresholds || options.appetite) {
          const thresholds = options.thresholds
            ? options.thresholds.split(",").map(Number)
            : current.thresholds;
          const problem = records.matrix.set(
            {
              scaleMax: options.scaleMax ? Number(options.scaleMax) : current.scaleMax,
              thresholds: thresholds as [number, number, number],
              appetite: (options.appetite ?? current.appetite) as typeof current.appetite,
            },
            `cli:${io.osUser}`,
          );
          if (problem) throw new UsageError(`the risk matrix was not changed: ${problem}.`);
        }
        const matrix = records.matrix.get();
        print(
          `Scale 1 to ${matrix.scaleMax}; low up to ${matrix.thresholds[0]}, medium up to ${matrix.thresholds[1]}, high up to ${matrix.thresholds[2]}, critical above; appetite: ${matrix.appetite}.`,
        );
      }),
    );

  addRemindCommand(program, {
    withRecords: withRecordsAsync,
    openDelivery: (records) => openDelivery(config, print, records.db),
    print,
    actor: `cli:${io.osUser}`,
  });

  program
    .command("audit-log")
    .description("show the audit log, newest first")
    .option("--limit <n>", "how many entries", positiveInteger, 50)
    .option("--json", "print JSON lines")
    .action((options: { limit: number; json?: boolean }) =>
      withRecords((records) => {
        for (const entry of records.audit.list(options.limit)) {
          print(
            options.json
              ? JSON.stringify(entry)
              : plain(
                  `${entry.at}  ${entry.actor}  ${entry.action}  ${entry.entityId}${describeChange(entry.before, entry.after)}`,
                ),
          );
        }
      }),
    );

  program
    .command("export")
    .description("export the Statement of Applicability or the risk register")
    .argument("<what>", "soa or risks")
    .option("--format <format>", "xlsx, csv or md", "xlsx")
    .requiredOption("--out <file>", "the file to write")
    .action(async (what: string, options: { format: string; out: string }) => {
      if (what !== "soa" && what !== "risks")
        throw new UsageError(`"${what}" cannot be exported; choose soa or risks.`);
      const format = EXPORT_FORMATS.find((known) => known === options.format);
      if (!format) throw new UsageError(`--format must be xlsx, csv or md, not "${options.format}".`);
      const { catalogue } = know();
      const { records, close } = openRecords(config);
      try {
        const count = await exportRecords(catalogue, records, what, format, resolve(options.out));
        print(
          `Wrote ${count} ${what === "soa" ? "controls" : count === 1 ? "risk" : "risks"} to ${options.out}.`,
        );
      } finally {
        close();
      }
    });

  const importRisks = async (file: string, options: { map?: string; as: string }) => {
    if (!/\.(?:xlsx|csv)$/i.test(file))
      throw new UsageError(`${file}: the risk register must be an .xlsx or .csv file.`);
    let map: ReturnType<typeof parseMapOption> | undefined;
    try {
      map = options.map ? parseMapOption(options.map) : undefined;
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const { catalogue } = know();
    const { records, close } = openRecords(config);
    try {
      const max = records.matrix.get().scaleMax;
      const bar = progressBar(io);
      const result = await readRiskFile(resolve(file), {
        ...(map ? { map } : {}),
        scale: { min: 1, max },
        isControl: (id) => catalogue.control(id) !== undefined,
        resolveOwner: (text) => records.people.find(text, "console")?.key,
        onProgress: (done, total) => bar.update(done, total),
      });
      bar.stop();
      print(formatImportReport(result));
      if (result.problems.length > 0) {
        throw new NotFoundError(
          `nothing was imported: fix the ${result.problems.length} problem(s) above and run the import again.`,
        );
      }
      const { created, skipped } = records.risks.importAll(result.rows, options.as);
      const range = created.length > 0 ? ` (${created[0]?.ref} to ${created.at(-1)?.ref})` : "";
      print(`Imported ${created.length} risk(s)${range}; ${skipped} already imported before.`);
    } finally {
      close();
    }
  };

  program
    .command("import")
    .description(
      "import an existing risk register, or house rules and policy links (.xlsx or .csv): all rows or none, safe to run twice",
    )
    .argument("<what>", "risks or policies")
    .argument("<file>")
    .option(
      "--map <pairs>",
      "field=Header pairs for columns not recognised, e.g. likelihood=Prob,impact=Severity",
    )
    .option("--as <person>", "who the audit log names as importer", `cli:${io.osUser}`)
    .action(async (what: string, file: string, options: { map?: string; as: string }) => {
      if (what === "policies") {
        if (options.map)
          throw new UsageError(
            `--map is for risk registers; a policies file is read by its headers: ${Object.values(POLICY_COLUMNS).join(", ")}.`,
          );
        return withRecordsAsync((records) =>
          importPolicies(file, { catalogue: () => know().catalogue, records, actor: options.as, print }),
        );
      }
      if (what !== "risks") throw new UsageError(`"${what}" cannot be imported; choose risks or policies.`);
      await importRisks(file, options);
    });
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A progress bar on stderr for large files on a terminal; silent otherwise. */
function progressBar(io: CliIO): { update(done: number, total: number): void; stop(): void } {
  const terminal = (io.stderr as { isTTY?: boolean }).isTTY === true;
  let bar: SingleBar | undefined;
  return {
    update(done, total) {
      if (!terminal || total < 500) return;
      if (!bar) {
        bar = new SingleBar(
          { stream: io.stderr as NodeJS.WriteStream, format: "checking rows {bar} {value}/{total}" },
          Presets.shades_classic,
        );
        bar.start(total, 0);
      }
      bar.update(done);
    },
    stop() {
      bar?.stop();
    },
  };
}
