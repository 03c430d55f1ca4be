/**
 * Download links for exports offered in Teams (Slack uploads the file instead): each link carries a random,
 * unguessable token that expires (24 hours by default), and only files inside the export folder are ever linked or
 * served. Links live in this process's memory, so a restart ends them; the person asks for the export again.
 */
import { randomBytes } from "node:crypto";
import { createReadStream, realpathSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { basename, extname, isAbsolute, relative, resolve, sep } from "node:path";

const DAY_MS = 24 * 60 * 60 * 1000;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const CONTENT_TYPES: Record<string, string> = {
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".csv": "text/csv; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".json": "application/json; charset=utf-8",
};

export interface ExportLinksOptions {
  /** The export folder (ISMS_EXPORT_DIR); nothing outside it is linked or served. */
  exportDir: string;
  /** The bot's public address, without a trailing slash; links are `${publicUrl}/exports/<token>`. */
  publicUrl: string;
  clock?: () => Date;
  ttlMs?: number;
}

/** `attachment` with an ASCII fallback name and the exact name in UTF-8 (RFC 6266 / RFC 5987). */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export class ExportLinks {
  private readonly links = new Map<string, { path: string; expires: number }>();
  private readonly clock: () => Date;
  private readonly ttlMs: number;

  constructor(private readonly options: ExportLinksOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.ttlMs = options.ttlMs ?? DAY_MS;
  }

  /** A new link to a file in the export folder, or undefined for anything else (the caller says so kindly). */
  link(path: string): string | undefined {
    const file = this.inside(path);
    if (!file) return undefined;
    const now = this.clock().getTime();
    for (const [token, entry] of this.links) if (entry.expires <= now) this.links.delete(token);
    const token = randomBytes(32).toString("base64url");
    this.links.set(token, { path: file, expires: now + this.ttlMs });
    return `${this.options.publicUrl}/exports/${token}`;
  }

  /** Serves GET (or HEAD) /exports/<token>: the file as an attachment, or 404 for a bad, unknown or old token. */
  serve(req: IncomingMessage, res: ServerResponse, token: string): void {
    const entry = TOKEN.test(token) ? this.links.get(token) : undefined;
    if (entry && entry.expires <= this.clock().getTime()) this.links.delete(token);
    const file = entry && entry.expires > this.clock().getTime() ? this.inside(entry.path) : undefined;
    if (!file) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      res.end("This download link is unknown or has expired. Ask the bot for the export again.\n");
      return;
    }
    const name = basename(file);
    res.writeHead(200, {
      "content-type": CONTENT_TYPES[extname(name).toLowerCase()] ?? "application/octet-stream",
      "content-length": statSync(file).size,
      "content-disposition": contentDisposition(name),
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    });
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    createReadStream(file)
      .on("error", () => res.destroy())
      .pipe(res);
  }

  /** The real path of a regular file inside the export folder (symbolic links resolved), else undefined. */
  private inside(path: string): string | undefined {
    try {
      const folder = realpathSync(this.options.exportDir);
      const file = realpathSync(resolve(folder, path));
      const within = relative(folder, file);
      if (within === "" || within === ".." || within.startsWith(`..${sep}`) || isAbsolute(within))
        return undefined;
      return statSync(file).isFile() ? file : undefined;
    } catch {
      return undefined;
    }
  }
}
