import type { DagSpec } from "@borda/protocol";
import type { TeamRecord } from "../store/index.js";

/** Where a DAG file came from: the watched DAGs folder, or an upload (`borda dags deploy`). */
export type DagFileOrigin = "folder" | "deploy";

/** A DAG file that bundled and evaluated cleanly. */
export interface ParsedDagFile {
  /** Path relative to the DAGs folder (forward slashes), or the deployed file's name. */
  fileloc: string;
  origin: DagFileOrigin;
  /** The file's source text, as the user wrote it (shown by the API and UI). */
  source: string;
  /**
   * What workers run, addressed by the sha256 of its bytes: the esbuild output (one ESM
   * file) of a TypeScript file, the zip of a Python file's modules.
   */
  bundle: { hash: string; content: Uint8Array };
  /** The zip bundles of a TypeScript DAG's Python tasks (their tasks' `python.bundleHash`). */
  pythonBundles?: { hash: string; content: Uint8Array }[];
  dags: DagSpec[];
}

export interface DagImportError {
  fileloc: string;
  origin: DagFileOrigin;
  /** What went wrong and, where it helps, what to do about it. */
  message: string;
  /** 1-based line in the user's file, when known. */
  line: number | null;
}

export interface RecordedDagVersion {
  dagId: string;
  versionId: number;
  versionNumber: number;
  bundleHash: string;
  /** False when the same spec and bundle were already the current version (a no-op re-parse). */
  created: boolean;
}

/**
 * What the DAG processor needs from storage. The store implements it; the processor never
 * writes SQL.
 */
export interface DagRegistry {
  /**
   * Stores the file's bundle and a new version of each DAG whose spec or bundle changed,
   * marks its DAGs active, deactivates DAGs this file used to define and no longer does,
   * and clears the file's import error.
   */
  recordParsedFile(file: ParsedDagFile, at: Date): Promise<RecordedDagVersion[]>;
  /** Records (or replaces) the file's import error. DAGs it defined keep their last good version. */
  recordImportError(error: DagImportError, at: Date): Promise<void>;
  /**
   * Folder files not in `present` were deleted: their DAGs become inactive (history kept)
   * and their import errors go.
   */
  forgetMissingFolderFiles(present: readonly string[], at: Date): Promise<void>;
  /**
   * The file that defines the DAG, and whether it still does: a DAG id belongs to the
   * file of its active DAG, so the processor rejects a second file defining it.
   */
  getDag(dagId: string): Promise<DagOwner | null>;
  /** The team a file's DAGs belong to: its first folder's, when a team has that name. */
  teamOfFile(fileloc: string): Promise<string>;
  /** Every team, with the queue patterns it owns. */
  listTeams(): Promise<TeamRecord[]>;
  /** The team of each of the named pools that exists. */
  teamsOfPools(names: readonly string[]): Promise<Map<string, string>>;
}

export interface DagOwner {
  fileloc: string;
  origin: DagFileOrigin;
  isActive: boolean;
}
