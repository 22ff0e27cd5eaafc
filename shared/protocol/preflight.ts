/**
 * The room preflight's report (`GET /api/preflight`, bearer host key; `npm run host -- --preflight` prints it):
 * can the learners' devices reach this laptop? Shared by the host that builds it and the console that shows it.
 *
 * Owns: the report's shape and the firewall fixes per operating system, worded for a facilitator.
 */

export type InterfaceKind = 'lan' | 'virtual' | 'link-local' | 'loopback' | 'other';

export interface InterfaceEntry {
  name: string;
  address: string;
  kind: InterfaceKind;
  /** The address to give learners (the first private LAN address the kit answers on). */
  recommended: boolean;
}

export type ProbeOutcome =
  /** This kit answered on the address. */
  | 'ok'
  /** Nothing listens there: the kit is bound to another address. */
  | 'refused'
  /** No answer in time: a firewall drops the connection, or the address is down. */
  | 'timeout'
  /** Something else answers on that port. */
  | 'other-program'
  | 'error';

export interface AddressCheck {
  address: string;
  url: string;
  outcome: ProbeOutcome;
  /** What was seen, in words. */
  detail: string;
}

export interface FirewallFix {
  windows: string;
  macos: string;
  linux: string;
}

export interface PreflightProblem {
  what: string;
  fix: string;
  /** Per-system steps when the fix is in the operating system's firewall or network settings. */
  firewall?: FirewallFix;
}

export interface LearnerReach {
  /** A device other than this laptop has opened the kit (proof that learners can reach it). */
  seen: boolean;
  /** The first such device's address, the address it used, and when (ISO). */
  from?: string;
  via?: string;
  at?: string;
  /** How many different devices have reached the kit so far. */
  devices: number;
}

export interface PreflightReport {
  at: string;
  port: number;
  bind: string;
  interfaces: InterfaceEntry[];
  recommended: string | null;
  checks: AddressCheck[];
  discovery: { advertising: boolean; detail: string };
  learners: LearnerReach;
  problems: PreflightProblem[];
  /** No problem found. The learner check can only pass once a learner has joined; it is not a problem until then. */
  ok: boolean;
}

export const FIREWALL_FIX = (port: number): FirewallFix => ({
  windows: `Windows: when Windows asks whether to allow Workshop Kit (or Node.js) on networks, allow Private networks; or in "Windows Defender Firewall with Advanced Security" add an Inbound Rule for TCP port ${port}. Set the Wi-Fi's network profile to Private, not Public.`,
  macos: `macOS: System Settings → Network → Firewall → Options: allow incoming connections for Workshop Kit (or node). If "Block all incoming connections" is on, turn it off for the session.`,
  linux: `Linux: allow the port, e.g. \`sudo ufw allow ${port}/tcp\` (ufw) or \`sudo firewall-cmd --add-port=${port}/tcp\` (firewalld).`,
});

export const CLIENT_ISOLATION_FIX =
  'Guest and conference Wi-Fi often isolate devices from each other ("client isolation" / "AP isolation"): learners then reach the internet but not this laptop. Use a network without isolation: a staff network, a travel router you bring, or this laptop\'s own hotspot (Windows: Settings → Mobile hotspot; macOS: Internet Sharing; Linux: `nmcli device wifi hotspot`).';
