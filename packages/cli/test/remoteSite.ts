import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";

/**
 * A remote site on a network link of its own, for tests that cut workers off from the
 * control plane as a network does: a network namespace joined to the host by a veth
 * pair, on a /30 of 10.213.0.0/16 that only these namespaces use. A process runs there
 * under `wrap` (`ip netns exec <namespace>`) and reaches the host at `hostAddress`.
 *
 * `cut()` takes the host's end of the link down, as a pulled cable or a dead route does:
 * packets in flight are lost, open connections hang until their timeouts, new ones fail.
 * `restore()` brings it back, and the hung connections carry on. Every site is removed
 * by `remove()`, and at the latest when the test process exits.
 *
 * Needs root and iproute2's `ip netns`; `remoteSitesUnavailable()` says why not.
 */

const live = new Set<RemoteSite>();
process.once("exit", () => {
  for (const site of live) site.remove();
});

export class RemoteSite {
  readonly namespace: string;
  /** The host's end of the veth pair: what `cut()` takes down. */
  readonly hostLink: string;
  /** The host, as the site reaches it (a server listening here is reachable from both). */
  readonly hostAddress: string;
  /** The site, as the host reaches it. */
  readonly siteAddress: string;

  private constructor(id: string, addresses: { host: string; site: string }) {
    this.namespace = `borda-test-${id}`;
    this.hostLink = `bt${id}h`;
    this.hostAddress = addresses.host;
    this.siteAddress = addresses.site;
  }

  static create(): RemoteSite {
    const id = randomBytes(4).toString("hex");
    const site = new RemoteSite(id, unusedSubnet());
    live.add(site);
    const siteLink = `bt${id}s`;
    try {
      ip("netns", "add", site.namespace);
      ip(
        "link",
        "add",
        site.hostLink,
        "type",
        "veth",
        "peer",
        "name",
        siteLink,
        "netns",
        site.namespace,
      );
      ip("addr", "add", `${site.hostAddress}/30`, "dev", site.hostLink);
      ip("link", "set", site.hostLink, "up");
      ip("-n", site.namespace, "addr", "add", `${site.siteAddress}/30`, "dev", siteLink);
      ip("-n", site.namespace, "link", "set", siteLink, "up");
      ip("-n", site.namespace, "link", "set", "lo", "up");
    } catch (error) {
      site.remove();
      throw error;
    }
    return site;
  }

  /** The command prefix that runs a process at the site. */
  get wrap(): string[] {
    return ["ip", "netns", "exec", this.namespace];
  }

  cut(): void {
    ip("link", "set", this.hostLink, "down");
  }

  restore(): void {
    ip("link", "set", this.hostLink, "up");
  }

  /** Removes the link and the namespace; end the site's processes first. Never throws. */
  remove(): void {
    live.delete(this);
    for (const args of [
      ["link", "del", this.hostLink],
      ["netns", "del", this.namespace],
    ]) {
      try {
        execFileSync("ip", args, { stdio: "ignore" });
      } catch {
        // Already gone.
      }
    }
  }
}

/** Why remote sites cannot be made here, or null when they can. */
export function remoteSitesUnavailable(): string | null {
  if (process.platform !== "linux")
    return `network namespaces are Linux only (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return "making network namespaces needs root";
  const probe = `borda-probe-${randomBytes(4).toString("hex")}`;
  try {
    execFileSync("ip", ["netns", "add", probe], { stdio: "pipe" });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: Buffer };
    if (failure.code === "ENOENT") return "`ip` (iproute2) is not installed";
    return `\`ip netns add\` failed: ${String(failure.stderr ?? error).trim()}`;
  } finally {
    try {
      execFileSync("ip", ["netns", "del", probe], { stdio: "ignore" });
    } catch {
      // It was never made.
    }
  }
  return null;
}

function ip(...args: string[]): void {
  try {
    execFileSync("ip", args, { stdio: "pipe" });
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? "").trim();
    throw new Error(`ip ${args.join(" ")} failed: ${stderr || String(error)}`);
  }
}

/** The two usable addresses of a /30 in 10.213.0.0/16 that no interface uses. */
function unusedSubnet(): { host: string; site: string } {
  const inUse = execFileSync("ip", ["-o", "-4", "addr", "show"], { encoding: "utf8" });
  for (let tries = 0; tries < 100; tries++) {
    const third = randomBytes(1)[0] ?? 0;
    const base = (randomBytes(1)[0] ?? 0) & 0xfc;
    const prefix = `10.213.${third}`;
    const taken = [0, 1, 2, 3].some((offset) => inUse.includes(` ${prefix}.${base + offset}/`));
    if (!taken) return { host: `${prefix}.${base + 1}`, site: `${prefix}.${base + 2}` };
  }
  throw new Error("no free /30 in 10.213.0.0/16 after 100 tries");
}
